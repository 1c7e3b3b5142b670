import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { AuditReport } from '../../src/core/report/auditSchema';
import { rocAuc, spearman } from '../../src/core/util/stats';
import { flipLabels, plantNearCopies, readDigits, untouchedFlags, writeDigitsCsv } from '../helpers/digits';
import { tempDir } from '../helpers/tempFiles';

// Real data: scikit-learn's digits (examples/digits.csv), 1797 8x8 images.
const dir = tempDir();

function byId(report: AuditReport) {
  return new Map(report.samples.map((s) => [s.id, s]));
}

test('deliberately flipped labels rank among the hardest (ROC AUC >= 0.9), and thorough memorization agrees with the fast proxy', async () => {
  const rows = readDigits();
  const flipped = flipLabels(rows, 33, 5);
  const file = writeDigitsCsv(path.join(dir, 'flipped.csv'), rows);

  const fast = (await runAudit(file, { mode: 'fast', seed: 1 })).report;
  // Finding mislabelled samples is the factor composite's job, whichever function difficulty is (docs/science.md).
  const scores = fast.samples.map((s) => s.compositeDifficulty ?? s.difficulty);
  const auc = rocAuc(scores, fast.samples.map((s) => flipped.has(s.id)));
  assert.ok(auc >= 0.9, `ROC AUC of the composite difficulty for flipped labels is ${auc.toFixed(3)}`);
  const trainFlipped = fast.samples.filter((s) => flipped.has(s.id) && s.split === 'train');
  assert.ok(trainFlipped.every((s) => s.reasons.length > 0 && s.factors.memorization !== null));
  // The factor reasons lead or, when the calibrated predictions set difficulty, follow the calibrated driver.
  const memorizedReasons = trainFlipped.filter((s) => s.reasons.some((r) => /^memorized|possibly mislabelled|hard to learn/.test(r))).length;
  assert.ok(memorizedReasons >= 0.8 * trainFlipped.length, `${memorizedReasons}/${trainFlipped.length} flipped samples explained by memorization or label disagreement`);

  const thorough = (await runAudit(file, { mode: 'thorough', k: 32, seed: 1 })).report;
  assert.equal(thorough.settings.k, 32);
  const fastById = byId(fast);
  const train = thorough.samples.filter((s) => s.split === 'train');
  const thoroughMem = train.map((s) => s.factors.memorization ?? NaN);
  const fastMem = train.map((s) => fastById.get(s.id)!.factors.memorization ?? NaN);
  const fastConfidence = train.map((s) => fastById.get(s.id)!.factors.confidence ?? NaN);
  const rhoEstimate = spearman(fastMem, thoroughMem);
  const rhoConfidence = spearman(fastConfidence, thoroughMem);
  // Same direction: a sample the subsample models find memorized is one the fast estimate ranks high.
  assert.ok(rhoEstimate >= 0.5, `Spearman fast memorization vs thorough = ${rhoEstimate.toFixed(3)}`);
  assert.ok(rhoConfidence <= -0.5, `Spearman confidence proxy vs thorough memorization = ${rhoConfidence.toFixed(3)}`);
});

test('planted near-duplicates are found in pairs, and samples without a planted copy are flagged only with a near-identical one', async () => {
  const rows = readDigits();
  const pairs = plantNearCopies(rows, Array.from({ length: 25 }, (_, k) => 17 + k * 70));
  const file = writeDigitsCsv(path.join(dir, 'copies.csv'), rows);
  const { report } = await runAudit(file, { seed: 2 });
  const samples = byId(report);
  for (const [original, copy] of pairs) {
    assert.ok(samples.get(original)!.factors.similarIds.includes(copy), `${original} should list its copy ${copy}`);
    assert.ok(samples.get(copy)!.factors.similarIds.includes(original), `${copy} should list ${original}`);
    assert.match(samples.get(copy)!.reasons.join(' '), /near-duplicate/);
  }
  // The digits hold near-identical samples of their own (1s and 4s by the same writer): a flag on a
  // sample without a planted copy should name one that differs by under one grey level (of 16) per
  // cell on average, an independent check that they are near-copies. The project's precision
  // target (≥ 90 %) is asked of these flags too.
  const planted = new Set(pairs.flat());
  const diffs = untouchedFlags(report.samples, rows, planted);
  const far = diffs.filter((d) => d.meanAbsDiff >= 1);
  console.log(`untouched digits flagged: ${diffs.length}; differing by ≥ 1 grey level per cell: ${far.map((d) => `${d.id}/${d.other} ${d.meanAbsDiff.toFixed(2)}`).join(', ') || 'none'}`);
  assert.ok(far.length <= 0.1 * diffs.length, `${far.length} of ${diffs.length} flags on untouched digits name a sample ≥ 1 grey level per cell away`);
});
