import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { AuditReport } from '../../src/core/report/auditSchema';
import { rocAuc, spearman } from '../../src/core/util/stats';
import { flipLabels, plantNearCopies, readDigits, writeDigitsCsv } from '../helpers/digits';
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
  // The digits hold a few near-identical samples of their own (1s and 4s by the same writer): a
  // flag on a sample without a planted copy must name one that differs by under one grey level
  // (of 16) per cell on average, an independent check that they are near-copies.
  const planted = new Set(pairs.flat());
  const pixelsOf = new Map(rows.map((r) => [r.id, r.pixels]));
  for (const s of report.samples.filter((x) => !planted.has(x.id) && x.factors.similarCount > 0)) {
    const a = pixelsOf.get(s.id)!;
    const b = pixelsOf.get(s.factors.similarIds[0])!;
    const meanAbsDiff = a.reduce((sum, v, k) => sum + Math.abs(v - b[k]), 0) / a.length;
    assert.ok(meanAbsDiff < 1, `${s.id} is flagged as a near-copy of ${s.factors.similarIds[0]}, but they differ by ${meanAbsDiff.toFixed(2)} grey levels per cell`);
  }
});
