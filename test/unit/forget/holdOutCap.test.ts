import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CandidateCarrier } from '../../../src/core/forget/candidateCarriers';
import { MAX_HELD_OUT_SHARE, chooseUnderCap } from '../../../src/core/forget/holdOutCap';
import { decideVerdict } from '../../../src/core/forget/verdicts';

const carrier = (index: number, similarity: number): CandidateCarrier => ({ index, similarity, modelSimilarity: 0.9, foundIn: ['input'] });

test('hold-out cap: closest candidates first, whole samples only, never above the cap', () => {
  const candidates = [
    [carrier(1, 0.8), carrier(2, 0.7), carrier(3, 0.6)], // typical: neighbours merely alike
    [carrier(10, 0.995), carrier(11, 0.99)], // near-copies
    [carrier(11, 0.99), carrier(12, 0.98)], // shares one copy with the sample above
    [],
  ];
  // 40 retain samples at a 10 % cap: 4 may be held out.
  const { tested, heldOut } = chooseUnderCap(candidates, 40, 0.1);
  assert.deepEqual(tested, [false, true, true, false]);
  assert.deepEqual([...heldOut].sort((a, b) => a - b), [10, 11, 12]);
  const all = chooseUnderCap(candidates, 1000, 0.1);
  assert.deepEqual(all.tested, [true, true, true, false]);
  assert.equal(all.heldOut.size, 6);
  assert.equal(chooseUnderCap(candidates, 10, 0.1).heldOut.size, 0, 'a cap below any one sample tests none');
  assert.ok(MAX_HELD_OUT_SHARE > 0 && MAX_HELD_OUT_SHARE < 0.5);
});

test('a sample the cap left untested is forgettable as far as measured, and says it was not tested', () => {
  const v = decideVerdict({ pOriginal: 1, retrainSeeds: [0.99, 0.98, 0.99], withoutCarriersSeeds: null, carriers: [], capped: true, classStillLearnt: true, residual: { finetune: 0 } });
  assert.equal(v.verdict, 'forgettable');
  assert.match(v.evidence, /as far as measured.*not held out/);
});
