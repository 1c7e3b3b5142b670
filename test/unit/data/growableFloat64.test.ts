import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrowableFloat64 } from '../../../src/core/data/growableFloat64';

test('values pushed one by one and by range survive growth in order', () => {
  const buffer = new GrowableFloat64(16);
  const source = Float64Array.from({ length: 100 }, (_, i) => i * 0.5);
  const expected: number[] = [];
  for (let round = 0; round < 30; round++) {
    buffer.push(-round);
    expected.push(-round);
    buffer.pushRange(source, round, 37);
    expected.push(...source.subarray(round, round + 37));
  }
  assert.equal(buffer.length, expected.length);
  assert.deepEqual(Array.from(buffer.toArray()), expected);
});
