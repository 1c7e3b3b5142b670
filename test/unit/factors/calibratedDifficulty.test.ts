import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibratedReason, predictCalibrated } from '../../../src/core/factors/calibratedDifficulty';
import { CalibratedModels } from '../../../src/core/factors/calibration/calibratedModels';
import { CALIBRATION_FEATURES } from '../../../src/core/factors/calibration/features';

// A hand-made pair of models: risk rises with memorization only, persistence with similar samples only.
function models(): CalibratedModels {
  const d = CALIBRATION_FEATURES.length;
  const only = (j: number, w: number, b: number) => ({ features: [...CALIBRATION_FEATURES], centre: new Array(d).fill(0), scale: new Array(d).fill(1), coefficients: Array.from({ length: d }, (_, k) => (k === j ? w : 0)), intercept: b });
  return { residualRisk: only(0, 6, -3), persistence: only(2, 2, -4), residualRiskByAlgorithm: {}, requestReference: [3, 4, 0], fittedOn: { rows: 0, requests: 0, datasets: [] } };
}

const typical = { memorization: 0.05, confidence: 0.95, similarCount: 0, nearestSimilarity: 0.9, labelDisagreement: 0, entanglement: 0.1 };

test('difficulty is the larger prediction, and the driver is the one that sets it', () => {
  const memorized = predictCalibrated({ ...typical, memorization: 0.9 }, undefined, models());
  assert.equal(memorized.drivenBy, 'residualRisk');
  assert.equal(memorized.difficulty, Math.max(memorized.residualRisk, memorized.persistence));
  const copied = predictCalibrated({ ...typical, similarCount: 15 }, undefined, models());
  assert.equal(copied.drivenBy, 'persistence');
  assert.ok(copied.persistence > 0.5 && copied.residualRisk < 0.1);
  // The two do not cancel: a sample with both is at least as hard as either alone.
  const both = predictCalibrated({ ...typical, memorization: 0.9, similarCount: 15 }, undefined, models());
  assert.ok(both.difficulty >= Math.max(memorized.difficulty, copied.difficulty) - 1e-9);
});

test('the reason says which prediction drives the sample', () => {
  const m = models();
  assert.match(calibratedReason(predictCalibrated({ ...typical, similarCount: 15 }, undefined, m), { similarCount: 4, memorization: 0.05 }), /^deleting it alone leaves its influence: 4 similar samples keep it/);
  assert.match(calibratedReason(predictCalibrated({ ...typical, memorization: 0.9 }, undefined, m), { similarCount: 0, memorization: 0.9 }), /^needs real unlearning: memorized \(0\.90\); the recommended method leaves more than 0\.1 behind with probability 0\.9/);
  assert.match(calibratedReason(predictCalibrated(typical, undefined, m), { similarCount: 0, memorization: 0.05 }), /^easy to forget/);
});

test('the shipped coefficients give predictions in [0,1] for every feature row', () => {
  for (const memorization of [0, 0.5, 1]) {
    for (const similarCount of [0, 3, 50]) {
      const p = predictCalibrated({ ...typical, memorization, similarCount });
      assert.ok(p.residualRisk >= 0 && p.residualRisk <= 1 && p.persistence >= 0 && p.persistence <= 1);
    }
  }
});
