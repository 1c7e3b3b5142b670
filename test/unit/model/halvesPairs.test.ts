import { test } from 'node:test';
import assert from 'node:assert/strict';
import { complementaryHalves, halvesPairs } from '../../../src/core/model/subsetModels';

test('halves pairs: every training row is in exactly one model of each pair, never a test row', () => {
  const y = Int32Array.from({ length: 101 }, (_, i) => i % 3);
  const trainIdx = Int32Array.from({ length: 90 }, (_, i) => i + 11);
  const subsets = halvesPairs(y, trainIdx, 3, 7);
  assert.equal(subsets.length, 6);
  for (let p = 0; p < 3; p++) {
    const count = new Int32Array(y.length);
    for (const i of subsets[2 * p]) count[i]++;
    for (const i of subsets[2 * p + 1]) count[i]++;
    for (let i = 0; i < y.length; i++) assert.equal(count[i], i >= 11 ? 1 : 0, `pair ${p}, row ${i}`);
  }
  // The pairs are different splits (else the extra models would add no out-votes), and the
  // first is the cross-fit halves fast mode trains.
  assert.notDeepEqual(Array.from(subsets[0]), Array.from(subsets[2]));
  assert.deepEqual(subsets.slice(0, 2), complementaryHalves(y, trainIdx, 7));
});
