import { test } from 'node:test';
import assert from 'node:assert/strict';
import { evaluateScores } from '../../../src/core/factors/calibration/evaluation';
import { SampleFactorInputs, rawSampleFeatures } from '../../../src/core/factors/calibration/features';
import { chooseFeatureSet, targetOf } from '../../../calibrate/crossValidate';
import { CANDIDATE_SETS, candidateNames } from '../../../calibrate/candidates';
import { FitRow } from '../../../calibrate/rows';
import { createRandom } from '../../../src/core/util/random';

const plain: SampleFactorInputs = { memorization: 0.1, confidence: 0.9, similarCount: 0, nearestSimilarity: 0.8, nearestSameLabelSimilarity: null, labelConflictCount: 0, labelDisagreement: 0, entanglement: 0.1, otherLabelShare: 0, composite: 0.2 };

test('carriedAgainstNeighbours needs both: same-label near-duplicates and neighbours of another label', () => {
  const f = (extra: Partial<SampleFactorInputs>) => rawSampleFeatures({ ...plain, ...extra }).carriedAgainstNeighbours;
  assert.equal(f({}), 0);
  assert.equal(f({ similarCount: 2 }), 0, 'copies of a typical sample: its class alone keeps the label');
  assert.equal(f({ otherLabelShare: 0.8 }), 0, 'an entangled sample without copies: nothing keeps it');
  assert.equal(f({ similarCount: 2, otherLabelShare: 0.8 }), 0.75 * 0.8);
  // Input space counts too: the larger of the two signs that its class would not give it the label.
  assert.equal(f({ similarCount: 1, labelDisagreement: 0.9, otherLabelShare: 0.2 }), 0.5 * 0.9);
  assert.equal(rawSampleFeatures({ ...plain, otherLabelShare: 0.3 }).otherLabelNeighbours, 0.3);
});

test('persistence is fitted to the verdict it is judged on, not the measured share', () => {
  const row = { residual: 0.05, persistence: 0.9, ineffectiveAlone: false } as FitRow;
  assert.equal(targetOf(row, 'persistence'), 0);
  assert.equal(targetOf({ ...row, persistence: 0, ineffectiveAlone: true }, 'persistence'), 1);
  assert.equal(targetOf(row, 'residualRisk'), 0);
  assert.equal(targetOf({ ...row, residual: 0.3 }, 'residualRisk'), 1);
});

test('Spearman is taken with the measured share when one is given, the Brier score with the event', () => {
  const rows = [0.1, 0.2, 0.3, 0.4].map((score, i) => ({ request: `r${i}`, score, target: i === 3 ? 1 : 0, positive: i === 3, measured: 0.4 - score }));
  const m = evaluateScores(rows, 0, 1);
  assert.equal(m.spearman.value, -1);
  assert.ok(Math.abs(m.brier.value! - (0.01 + 0.04 + 0.09 + 0.36) / 4) < 1e-12);
  assert.ok(evaluateScores(rows.map(({ measured: _, ...r }) => r), 0, 1).spearman.value! > 0.7);
});

test('residualRisk chooses among the sets of its passing run; only persistence gets the carrier sets', () => {
  assert.ok(!candidateNames('residualRisk').some((n) => n.startsWith('carriers')));
  assert.ok(candidateNames('persistence').includes('carriers raw'));
  assert.ok(candidateNames('persistence').length > candidateNames('residualRisk').length);
});

// The verdict follows the carrier feature; every other feature is noise: the selection must find a set that has it.
function rowsWhereCarriersDecide(): FitRow[] {
  const random = createRandom(5);
  const names = [...new Set(Object.values(CANDIDATE_SETS).flat())];
  const out: FitRow[] = [];
  for (let d = 0; d < 4; d++) {
    for (let i = 0; i < 150; i++) {
      const features: Record<string, number> = Object.fromEntries(names.map((name) => [name, random()]));
      const carried = random() < 0.15 ? 0.5 + 0.5 * random() : 0.2 * random();
      features.carriedAgainstNeighbours = carried;
      features['carriedAgainstNeighbours:rank'] = carried;
      const positive = random() < 1 / (1 + Math.exp(-(12 * carried - 8)));
      out.push({ dataset: `d${d}`, request: `d${d}-${i % 10}`, kind: 'planted-copies', seed: 0, id: `${d}/${i}`, features, residual: null, residualByAlgorithm: {}, persistence: positive ? 0.6 : 0, ineffectiveAlone: positive, memorization: 0, lowConfidence: 0, oldDifficulty: 0 });
    }
  }
  return out;
}

test('the persistence selection picks a carrier set when the verdict follows the carrier feature', () => {
  const chosen = chooseFeatureSet(rowsWhereCarriersDecide(), 'persistence');
  assert.ok(CANDIDATE_SETS[chosen].includes('carriedAgainstNeighbours'), `chose "${chosen}"`);
});
