import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALIBRATED_MODELS } from '../../src/core/factors/calibration/calibratedCoefficients';
import { fitShipped, readRows } from '../../calibrate/fit';

// calibrate/rows.json holds what `npm run calibrate` measured: the forget audit's simulated
// deletions on real datasets (features before each request, residuals and persistence after).
const rows = readRows();

test('the shipped coefficients are the fit of the committed simulated deletions, not hand-edited', () => {
  const refit = fitShipped(rows);
  assert.deepEqual(refit.fittedOn, CALIBRATED_MODELS.fittedOn);
  for (const key of ['residualRisk', 'persistence'] as const) {
    const shipped = CALIBRATED_MODELS[key];
    refit[key].coefficients.forEach((w, j) => assert.ok(Math.abs(w - shipped.coefficients[j]) < 1e-4, `${key} ${shipped.features[j]}: refit ${w} vs shipped ${shipped.coefficients[j]}`));
    assert.ok(Math.abs(refit[key].intercept - shipped.intercept) < 1e-4);
  }
  assert.deepEqual(Object.keys(refit.residualRiskByAlgorithm).sort(), Object.keys(CALIBRATED_MODELS.residualRiskByAlgorithm).sort());
});

test('the committed rows cover at least four real datasets and every request kind', () => {
  assert.ok(new Set(rows.map((r) => r.dataset)).size >= 4);
  assert.deepEqual([...new Set(rows.map((r) => r.kind))].sort(), ['class-skewed', 'memorization-stratified', 'mislabelled', 'planted-copies', 'random']);
});
