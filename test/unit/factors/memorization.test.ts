import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SubsetModelOutcome, calibrateMemorization, calibrateOnIndex, shrinkTowardPrior, subsampleMemorization } from '../../../src/core/factors/memorization';

function outcome(member: number[], correct: number[], pTrue: number[]): SubsetModelOutcome {
  return { member: Uint8Array.from(member), correct: Uint8Array.from(correct), pTrue: Float32Array.from(pTrue), seconds: 0 };
}

test('subsample estimator: correct when seen minus correct when held out', () => {
  // Sample 0: right only when seen (memorized). Sample 1: always right. Sample 2: never held out.
  const outcomes = [
    outcome([1, 1, 1], [1, 1, 1], [0.9, 0.9, 0.8]),
    outcome([1, 0, 1], [1, 1, 1], [0.7, 0.8, 0.6]),
    outcome([0, 1, 1], [0, 1, 1], [0.1, 0.9, 0.7]),
    outcome([0, 0, 1], [0, 1, 0], [0.3, 0.7, 0.4]),
  ];
  const est = subsampleMemorization(outcomes, 3);
  assert.equal(est.memorization[0], 1);
  assert.equal(est.memorization[1], 0);
  assert.ok(Number.isNaN(est.memorization[2]));
  assert.ok(Math.abs(est.memorizationSoft[0] - (0.8 - 0.2)) < 1e-6);
  assert.deepEqual(Array.from(est.modelsIn), [2, 2, 4]);
  assert.ok(Math.abs(est.heldOutP[0] - 0.2) < 1e-6 && Number.isNaN(est.heldOutP[2]));
});

test('calibration maps lower held-out probability and confidence to equal or higher memorization, within [0,1]', () => {
  const heldOutP = Float32Array.from([0.99, 0.95, 0.6, 0.3, 0.1, NaN, 0.5]);
  const confidence = Float32Array.from([0.99, 0.9, 0.5, 0.4, 0.2, 0.5, NaN]);
  const crossFit = Float32Array.from([0.0, 0.1, 0.2, 0.9, 0.7, NaN, 0.3]);
  const mem = calibrateMemorization(heldOutP, confidence, crossFit);
  for (let i = 1; i < 5; i++) assert.ok(mem[i] >= mem[i - 1], `not monotone at ${i}: ${Array.from(mem)}`);
  assert.ok(Number.isNaN(mem[5]) && Number.isNaN(mem[6]), 'unknown where either input is unknown');
  assert.ok(Math.abs(mem[3] - 0.8) < 1e-6 && Math.abs(mem[4] - 0.8) < 1e-6);
});

test('calibration on an index: the mean target of samples with that index, monotone, clipped to [0, 1]', () => {
  const index = Float32Array.from([0, 1, 2, 3, NaN]);
  const target = Float32Array.from([-0.2, 0.4, 0.2, 1.5, 0.9]);
  const fit = Array.from(calibrateOnIndex(index, target));
  // -0.2 clipped to 0; 0.4 and 0.2 pool to 0.3; 1.5 clipped to 1; NaN index stays unknown.
  assert.ok(fit[0] === 0 && Math.abs(fit[1] - 0.3) < 1e-6 && Math.abs(fit[2] - 0.3) < 1e-6 && fit[3] === 1, String(fit));
  assert.ok(Number.isNaN(fit[4]));
});

/** Sample 0 in 3 models (right, p 0.9), out of 1 (wrong, p 0.3); sample 1 in all 4. */
const threeInOneOut = () => [
  outcome([1, 1], [1, 1], [0.9, 0.8]),
  outcome([1, 1], [1, 1], [0.9, 0.8]),
  outcome([1, 1], [1, 1], [0.9, 0.8]),
  outcome([0, 1], [0, 1], [0.3, 0.8]),
];

test('shrinkage: the own estimate weighs as many in/out model pairs as it has, the prior `strength` pairs', () => {
  // Sample 0: in 3 models, out of 1 (0.75 pairs), own soft estimate 0.6. Sample 1: never held out.
  const est = subsampleMemorization(threeInOneOut(), 2);
  assert.ok(Math.abs(est.memorizationSoft[0] - 0.6) < 1e-6);
  const prior = Float32Array.from([0.2, 0.5]);
  const shrunk = shrinkTowardPrior(est, prior, 0.75);
  assert.ok(Math.abs(shrunk[0] - 0.4) < 1e-6, `equal weights: halfway, got ${shrunk[0]}`);
  assert.ok(Math.abs(shrunk[1] - 0.5) < 1e-6, 'no held-out model: the prior');
  assert.ok(Math.abs(shrinkTowardPrior(est, prior, 0)[0] - 0.6) < 1e-6, 'no shrinkage: the own estimate');
  assert.throws(() => shrinkTowardPrior(est, prior, -1), /strength/);
});

test('shrinkage of the hard estimate: 0/1 correctness in place of p(y|x), weighted the same way', () => {
  // Sample 0: right in its 3 "in" models, wrong in its 1 "out" model: hard estimate 1, 0.75 pairs.
  const est = subsampleMemorization(threeInOneOut(), 2);
  const prior = Float32Array.from([0.2, 0.5]);
  const hard = shrinkTowardPrior(est, prior, 0.75, 'hard');
  assert.ok(Math.abs(hard[0] - 0.6) < 1e-6, `halfway between 1 and 0.2, got ${hard[0]}`);
  assert.ok(Math.abs(shrinkTowardPrior(est, prior, 0.75, 'soft')[0] - 0.4) < 1e-6, 'soft is the default and unchanged');
  assert.ok(Math.abs(hard[1] - 0.5) < 1e-6, 'no held-out model: the prior');
});
