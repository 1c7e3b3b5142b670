import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pairedAurocDifference } from '../../../src/core/factors/calibration/evaluation';
import { chooseFeatureSet } from '../../../calibrate/crossValidate';
import { CANDIDATE_SETS } from '../../../calibrate/candidates';
import { FitRow } from '../../../calibrate/rows';
import { createRandom } from '../../../src/core/util/random';

test('paired AUROC difference: a better score is ahead with a CI above 0, the same score is exactly 0', () => {
  const random = createRandom(7);
  const rows = Array.from({ length: 200 }, (_, i) => {
    const positive = random() < 0.3;
    return { request: `r${i % 20}`, a: (positive ? 1 : 0) + random() * 0.8, b: random(), positive };
  });
  const ahead = pairedAurocDifference(rows, 300, 1);
  assert.ok(ahead.value! > 0.3 && ahead.low! > 0, JSON.stringify(ahead));
  const same = pairedAurocDifference(rows.map((r) => ({ ...r, b: r.a })), 300, 1);
  assert.deepEqual(same, { value: 0, low: 0, high: 0 });
});

// Three datasets whose memorization scales differ tenfold; the event follows the within-dataset rank.
function rowsWithDatasetScales(): FitRow[] {
  const random = createRandom(11);
  const names = [...new Set(Object.values(CANDIDATE_SETS).flat())];
  const out: FitRow[] = [];
  for (const [d, scale] of [0.05, 0.5, 0.9].entries()) {
    const n = 120;
    for (let i = 0; i < n; i++) {
      const rank = (i + 0.5) / n;
      const features: Record<string, number> = Object.fromEntries(names.map((name) => [name, random()]));
      features.memorization = scale * rank;
      features['memorization:rank'] = rank;
      const positive = random() < 1 / (1 + Math.exp(-(8 * rank - 5)));
      out.push({ dataset: `d${d}`, request: `d${d}-${i % 12}`, kind: 'random', seed: 0, id: `${d}/${i}`, features, residual: positive ? 0.3 : 0, residualByAlgorithm: {}, persistence: 0, ineffectiveAlone: false, memorization: features.memorization, lowConfidence: 0, oldDifficulty: 0 });
    }
  }
  return out;
}

test('the leave-one-dataset-out selection picks a set with the within-dataset rank when raw scales differ between datasets', () => {
  const chosen = chooseFeatureSet(rowsWithDatasetScales(), 'residualRisk');
  assert.ok(CANDIDATE_SETS[chosen].includes('memorization:rank'), `chose "${chosen}"`);
});
