import { test } from 'node:test';
import assert from 'node:assert/strict';
import { calibratedReason, predictCalibrated } from '../../../src/core/factors/calibratedDifficulty';
import { applyCalibration } from '../../../src/core/factors/applyCalibration';
import { CalibratedModels } from '../../../src/core/factors/calibration/calibratedModels';
import { SampleFactorInputs, featureContext, featureValues, requestFeatures } from '../../../src/core/factors/calibration/features';
import type { AuditSample } from '../../../src/core/report/auditSchema';

// A hand-made pair of models: risk rises with memorization only, persistence with same-label near-duplicates only.
function models(drivesDifficulty: boolean): CalibratedModels {
  const one = (feature: string, w: number, b: number) => ({ features: [feature], centre: [0], scale: [1], coefficients: [w], intercept: b });
  return {
    residualRisk: one('memorization', 6, -3),
    persistence: one('similarSamples', 2, -4),
    residualRiskByAlgorithm: {},
    requestReference: { requestSize: 3, entanglementScore: 4, neighboursInRequest: 0 },
    drivesDifficulty,
    heldOut: { residualRisk: { auroc: 0.7, baseline: 'memorization alone', baselineAuroc: 0.75 }, persistence: { auroc: 0.8, baseline: 'old composite difficulty', baselineAuroc: 0.7 } },
    fittedOn: { rows: 0, requests: 0, datasets: [] },
  };
}

const typical: SampleFactorInputs = { memorization: 0.05, confidence: 0.95, similarCount: 0, nearestSimilarity: 0.9, nearestSameLabelSimilarity: null, labelConflictCount: 0, labelDisagreement: 0, entanglement: 0.1, otherLabelShare: 0, composite: 0.2 };
const context = featureContext([typical]);

test('difficulty is the larger prediction, and the driver is the one that sets it', () => {
  const m = models(true);
  const memorized = predictCalibrated({ ...typical, memorization: 0.9 }, context, undefined, m);
  assert.equal(memorized.drivenBy, 'residualRisk');
  assert.equal(memorized.difficulty, Math.max(memorized.residualRisk, memorized.persistence));
  const copied = predictCalibrated({ ...typical, similarCount: 15 }, context, undefined, m);
  assert.equal(copied.drivenBy, 'persistence');
  assert.ok(copied.persistence > 0.5 && copied.residualRisk < 0.1);
  // The two do not cancel: a sample with both is at least as hard as either alone.
  const both = predictCalibrated({ ...typical, memorization: 0.9, similarCount: 15 }, context, undefined, m);
  assert.ok(both.difficulty >= Math.max(memorized.difficulty, copied.difficulty) - 1e-9);
});

test('the reason says which prediction drives the sample', () => {
  const m = models(true);
  assert.match(calibratedReason(predictCalibrated({ ...typical, similarCount: 15 }, context, undefined, m), { similarCount: 4, memorization: 0.05 }), /^deleting it alone leaves its influence: 4 similar samples keep it/);
  assert.match(calibratedReason(predictCalibrated({ ...typical, memorization: 0.9 }, context, undefined, m), { similarCount: 0, memorization: 0.9 }), /^needs real unlearning: memorized \(0\.90\); the recommended method leaves more than 0\.1 behind with probability 0\.9/);
  assert.match(calibratedReason(predictCalibrated(typical, context, undefined, m), { similarCount: 0, memorization: 0.05 }), /^easy to forget/);
});

test('features: leave-out confidence is confidence minus memorization, ranks are mid-rank percentiles within the dataset', () => {
  const trained = [0.1, 0.2, 0.2, 0.9].map((memorization) => ({ ...typical, memorization }));
  const ctx = featureContext(trained);
  const v = featureValues({ ...typical, memorization: 0.2, confidence: 0.7 }, ctx, requestFeatures({ size: 8, entanglementScore: null, neighboursInRequest: 0.25 }));
  assert.ok(Math.abs(v.leaveOutConfidence - 0.5) < 1e-12);
  // 0.2 ties with two of four values above one lower: its block spans ranks 1..3 of 4, middle 2/4.
  assert.equal(v['memorization:rank'], 0.5);
  assert.equal(featureValues({ ...typical, memorization: 0.95 }, ctx, {})['memorization:rank'], 1);
  assert.equal(v.requestSize, 3);
  assert.equal(v.entanglementScore, 0);
  // A feature every trained sample shares sits in the middle, whatever its scale.
  assert.equal(v['entanglement:rank'], 0.5);
});

function auditSample(id: string, split: 'train' | 'test', memorization: number | null, similarCount: number): AuditSample {
  return {
    id, source: { file: 'x.csv', line: 2 }, label: 'a', split, rank: 1, difficulty: 0.35, compositeDifficulty: 0.35, drivenBy: 'composite',
    reasons: ['memorized 0.40'], contributions: {}, preview: '',
    factors: {
      memorization, memorizationSoft: null, memorizationCrossFit: null, confidence: 0.9, maxConfidence: null, negEntropy: null, fractionCorrect: null,
      entanglement: 0.1, entanglementKnnShare: 0, entanglementCentroidRatio: null, similarCount, similarCountCapped: false, exactDuplicates: 0,
      nearestSimilarity: null, similarIds: [], similarities: [], margin: 1, loss: 0.1, gradNorm: 0.1,
      cumulativeGradNormSq: null, firstLearnedEpoch: null, forgettingEvents: null, variability: null, labelDisagreement: 0, predictedLabel: 'a',
      residualRisk: null, persistence: null,
    },
  };
}

test('the held-out rule decides: predictions that lost keep difficulty on the composite and say how they measured', () => {
  const samples = [auditSample('m', 'train', 0.9, 0), auditSample('c', 'train', 0.05, 15), auditSample('t', 'test', null, 0)];
  applyCalibration(samples, models(false));
  assert.deepEqual(samples.map((s) => s.difficulty), [0.35, 0.35, 0.35]);
  assert.ok(samples.every((s) => s.drivenBy === 'composite'));
  assert.ok(samples[0].factors.residualRisk! > 0.9 && samples[1].factors.persistence! > 0.5);
  assert.equal(samples[0].reasons[0], 'memorized 0.40');
  assert.match(samples[0].reasons[1], /not used for the ranking \(held-out AUROC unlearning risk 0\.70 vs memorization alone 0\.75, persistence 0\.80 vs old composite difficulty 0\.70/);
  assert.equal(samples[2].factors.residualRisk, null);
});

test('the held-out rule decides: predictions that passed set difficulty, and held-out samples have nothing to unlearn', () => {
  const samples = [auditSample('m', 'train', 0.9, 0), auditSample('c', 'train', 0.05, 15), auditSample('t', 'test', 0.3, 0)];
  applyCalibration(samples, models(true));
  assert.equal(samples[0].drivenBy, 'residualRisk');
  assert.equal(samples[1].drivenBy, 'persistence');
  assert.equal(samples[0].difficulty, Math.max(samples[0].factors.residualRisk!, samples[0].factors.persistence!));
  assert.match(samples[1].reasons[0], /^deleting it alone leaves its influence: 15 similar samples keep it/);
  assert.equal(samples[2].difficulty, 0);
  assert.match(samples[2].reasons[0], /^held out from training/);
});

test('the shipped coefficients give predictions in [0,1] for every feature row', () => {
  for (const memorization of [0, 0.5, 1]) {
    for (const similarCount of [0, 3, 50]) {
      const p = predictCalibrated({ ...typical, memorization, similarCount }, context);
      assert.ok(p.residualRisk >= 0 && p.residualRisk <= 1 && p.persistence >= 0 && p.persistence <= 1);
    }
  }
});
