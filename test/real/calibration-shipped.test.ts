import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALIBRATED_MODELS } from '../../src/core/factors/calibration/calibratedCoefficients';
import { fitShipped, readRows } from '../../calibrate/fit';
import { CANDIDATE_SETS } from '../../calibrate/candidates';

// calibrate/rows.json holds what `npm run calibrate` measured: the forget audit's simulated
// deletions on real datasets (features before each request, residuals and persistence after).
const rows = readRows();

function candidateOf(features: string[]): string {
  const name = Object.keys(CANDIDATE_SETS).find((k) => JSON.stringify(CANDIDATE_SETS[k]) === JSON.stringify(features));
  assert.ok(name, `shipped features ${features.join(', ')} are not one of calibrate/candidates.ts`);
  return name;
}

test('the shipped coefficients are the fit of the committed simulated deletions, not hand-edited', () => {
  const chosen = { residualRisk: candidateOf(CALIBRATED_MODELS.residualRisk.features), persistence: candidateOf(CALIBRATED_MODELS.persistence.features) };
  const { models: refit } = fitShipped(rows, CALIBRATED_MODELS, chosen);
  assert.deepEqual(refit.fittedOn, CALIBRATED_MODELS.fittedOn);
  // rows.json stores features to 4 decimals, which moves a refit coefficient by ~1e-4.
  for (const key of ['residualRisk', 'persistence'] as const) {
    const shipped = CALIBRATED_MODELS[key];
    refit[key].coefficients.forEach((w, j) => assert.ok(Math.abs(w - shipped.coefficients[j]) < 2e-3, `${key} ${shipped.features[j]}: refit ${w} vs shipped ${shipped.coefficients[j]}`));
    assert.ok(Math.abs(refit[key].intercept - shipped.intercept) < 2e-3);
  }
  assert.deepEqual(Object.keys(refit.residualRiskByAlgorithm).sort(), Object.keys(CALIBRATED_MODELS.residualRiskByAlgorithm).sort());
});

test('the committed rows cover at least five real datasets, every request kind, and positives of both targets on at least five datasets', () => {
  const datasets = [...new Set(rows.map((r) => r.dataset))];
  assert.ok(datasets.length >= 5);
  assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), ['class-skewed', 'memorization-stratified', 'mislabelled', 'planted-copies', 'random']);
  for (const d of datasets) assert.ok(rows.some((r) => r.dataset === d && r.residual !== null && r.residual > 0.1), `${d}: no sample left behind`);
  // The verdict is rare on small, well-separated data (the third run's draw: wine 0, iris 1, breast cancer 1 of 400).
  const withVerdict = datasets.filter((d) => rows.some((r) => r.dataset === d && r.ineffectiveAlone));
  assert.ok(withVerdict.length >= 5, `"cannot be removed by deletion alone" on ${withVerdict.join(', ')} only`);
});

test('the rule recorded with the coefficients is the one its own numbers give', () => {
  const { residualRisk, persistence } = CALIBRATED_MODELS.heldOut;
  const passes = [residualRisk, persistence].every((h) => h.auroc !== null && h.baselineAuroc !== null && h.auroc >= h.baselineAuroc);
  assert.equal(CALIBRATED_MODELS.drivesDifficulty, passes);
});
