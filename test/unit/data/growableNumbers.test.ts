import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrowableNumbers } from '../../../src/core/data/growableNumbers';

test('values pushed one by one and by range survive growth in order', () => {
  const buffer = new GrowableNumbers(16);
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

test('float32 storage while every value is exact, Float64 from the first value that is not, no value rounded', () => {
  const buffer = new GrowableNumbers(4, true);
  const exact = Float64Array.from([0, 255, 16777216, -3, 0.5, NaN]);
  buffer.pushRange(exact, 0, exact.length);
  assert.equal(buffer.isFloat32, true);
  buffer.push(0.1);
  assert.equal(buffer.isFloat32, false);
  buffer.pushRange(Float64Array.from([1e-300, 123456789.123]), 0, 2);
  assert.deepEqual(Array.from(buffer.toArray()), [0, 255, 16777216, -3, 0.5, NaN, 0.1, 1e-300, 123456789.123]);
  const late = new GrowableNumbers(2, true);
  late.pushRange(Float64Array.from([1, 2, 3]), 0, 3);
  late.pushRange(Float64Array.from([4, 16777217]), 0, 2);
  assert.deepEqual(Array.from(late.toArray()), [1, 2, 3, 4, 16777217]);
});
