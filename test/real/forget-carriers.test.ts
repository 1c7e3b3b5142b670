import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/data/load';
import { forgetSplit } from '../../src/core/forget/forgetSplit';
import { ForgetReport, validateForgetReport } from '../../src/core/forget/schema';
import { runCli } from '../helpers/cli';
import { DigitRow, readDigits, writeDigitsCsv } from '../helpers/digits';
import { mislabel, noisyCopies } from '../helpers/plantedCopies';
import { tempDir, writeFile } from '../helpers/tempFiles';

// Real data: scikit-learn's digits. 30 mislabelled samples each keep 5 noisy copies with the same
// wrong label; 30 other mislabelled samples (the control) have none. The request is the 60 originals.
const dir = tempDir();
const SEED = 3;
// Only the verdicts are under test; they do not depend on which unlearning algorithms run.
const FAST = ['--algorithms', 'finetune', '--seed', String(SEED), '--no-progress'];

function plant(name: string, noise: Parameters<typeof noisyCopies>[2]): { dataset: string; copied: DigitRow[]; control: DigitRow[]; copies: DigitRow[] } {
  const rows = readDigits();
  const copied = rows.filter((_, i) => i % 59 === 7).slice(0, 30);
  const control = rows.filter((_, i) => i % 59 === 37).slice(0, 30);
  [...copied, ...control].forEach(mislabel);
  const copies = copied.flatMap((row, k) => noisyCopies(row, 5, noise, 100 + k));
  const dataset = writeDigitsCsv(path.join(dir, `${name}.csv`), [...rows, ...copies]);
  writeFile(dir, `${name}-request.txt`, [...copied, ...control].map((r) => r.id).join('\n') + '\n');
  return { dataset, copied, control, copies };
}

function forget(name: string, dataset: string, out: string): ForgetReport {
  const run = runCli(['forget', dataset, '--forget', `${name}-request.txt`, '--out', out, ...FAST], dir);
  assert.equal(run.status, 0, run.stderr);
  return validateForgetReport(JSON.parse(fs.readFileSync(path.join(dir, out, 'forget-audit.json'), 'utf8')));
}

const share = (report: ForgetReport, rows: DigitRow[], verdict: string) => rows.filter((r) => report.samples.find((s) => s.id === r.id)!.verdict === verdict).length / rows.length;

/** The claims of a planted-copy run: verdicts per group, and the also-delete list against the planted copies the models trained on (those in R). */
async function assertCarriersFound(name: string, planted: ReturnType<typeof plant>, report: ForgetReport, out: string): Promise<void> {
  const { dataset, copied, control, copies } = planted;
  assert.ok(share(report, copied, 'ineffective-alone') >= 0.9, `${name}: copied group ineffective-alone ${share(report, copied, 'ineffective-alone')}`);
  assert.ok(share(report, control, 'ineffective-alone') <= 0.1, `${name}: control group ineffective-alone ${share(report, control, 'ineffective-alone')}`);

  // Copies that fell into the held-out test split T or the validation split V were never trained on:
  // they cannot carry anything in these models. The split is rebuilt as the audit builds it, and
  // checked against the size the report states.
  const { dataset: loaded } = await loadDataset(dataset);
  const index = new Map(loaded.ids.map((id, i) => [id, i]));
  const forgetIdx = Int32Array.from([...copied, ...control].map((r) => index.get(r.id)!)).sort();
  const split = forgetSplit(loaded.y, forgetIdx, { testFraction: 0.1, seed: SEED });
  assert.equal(report.protocol?.validationSize, split.validationIdx.length, 'the rebuilt split is the audit\'s');
  const inRetain = new Uint8Array(loaded.ids.length);
  for (const i of split.retainIdx) inRetain[i] = 1;
  const trained = new Set(copies.map((c) => c.id).filter((id) => inRetain[index.get(id)!] === 1));
  const also = report.summary.alsoConsiderDeleting;
  const named = also.filter((id) => trained.has(id)).length;
  assert.ok(named / trained.size >= 0.9, `${name}: also-delete names ${named} of ${trained.size} planted copies in training`);
  assert.ok(named / also.length >= 0.8, `${name}: also-delete precision ${named}/${also.length}`);

  for (const s of report.samples.filter((x) => x.verdict === 'ineffective-alone')) {
    assert.ok(s.pRetrainWithoutCarriers !== null && s.pRetrainWithoutCarriers < 0.5 && s.pRetrain >= 0.5, `${s.id}: ${s.pRetrain} → ${s.pRetrainWithoutCarriers}`);
    assert.ok(s.carriers.every((c) => c.label === s.label), `${s.id}: carriers have its label`);
  }
  // The also-delete list comes from confirmed carriers only.
  const confirmed = new Set(report.samples.filter((s) => s.verdict === 'ineffective-alone').flatMap((s) => s.carriers.filter((c) => c.confirmed).map((c) => c.id)));
  assert.deepEqual([...also].sort(), [...confirmed].sort());
  assert.equal(report.carrierRetrain.models, 3);
  assert.ok(report.carrierRetrain.seconds > 0 && report.carrierRetrain.heldOut >= named, JSON.stringify(report.carrierRetrain));
  const md = fs.readFileSync(path.join(dir, out, 'forget-audit.md'), 'utf8');
  const html = fs.readFileSync(path.join(dir, out, 'forget-audit.html'), 'utf8');
  const example = report.samples.find((s) => s.verdict === 'ineffective-alone')!.carriers.find((c) => c.confirmed)!;
  assert.ok(md.includes(example.why) && html.includes(example.id), 'both reports name the carriers with their evidence');
  assert.ok(md.includes('retrain without the candidate carriers') && html.includes('retrain without the candidate carriers'), 'both reports say what the counterfactual cost');
}

test('digits with 5 noisy copies per mislabelled sample: the retrain without the candidate carriers finds who carries it, and names them', async () => {
  const planted = plant('noisy', { noisyPixels: 6, maxChange: 2 });
  await assertCarriersFound('noisy', planted, forget('noisy', planted.dataset, 'out-noisy'), 'out-noisy');
});

test('the same with augmented copies (contrast ±25 % and noise); the dataset is never written and the same seed gives the same report', async () => {
  const planted = plant('augmented', { noisyPixels: 6, maxChange: 2, contrast: 0.25 });
  const before = crypto.createHash('sha256').update(fs.readFileSync(planted.dataset)).digest('hex');
  const report = forget('augmented', planted.dataset, 'out-augmented');
  await assertCarriersFound('augmented', planted, report, 'out-augmented');
  assert.equal(crypto.createHash('sha256').update(fs.readFileSync(planted.dataset)).digest('hex'), before, 'the dataset is never written');
  const again = forget('augmented', planted.dataset, 'out-augmented-again');
  assert.deepEqual(withoutTimes(again), withoutTimes(report), 'same seed, same report');
});

test('copies shifted by a pixel are too different for the model: a retrain without the sample loses its label, so it is never ineffective-alone', () => {
  const { dataset, copied } = plant('shifted', { noisyPixels: 4, maxChange: 2, shift: true });
  const report = forget('shifted', dataset, 'out-shifted');
  const samples = report.samples.filter((s) => copied.some((r) => r.id === s.id));
  const lost = samples.filter((s) => s.pRetrain < 0.5).length;
  assert.ok(lost >= 0.9 * samples.length, `the setup: retrains lose the label of ${lost}/${samples.length}`);
  for (const s of samples.filter((x) => x.pRetrain < 0.5)) assert.notEqual(s.verdict, 'ineffective-alone', s.id);
  assert.ok(share(report, copied, 'ineffective-alone') <= 0.1);
});

/** The report without timestamps and timings (including the time ratio quoted in the summary). */
function withoutTimes(report: ForgetReport): unknown {
  const timings = new Set(['startedAt', 'finishedAt', 'createdAt', 'seconds', 'relativeTime']);
  return JSON.parse(JSON.stringify(report, (key, value) => (timings.has(key) ? undefined : key === 'text' ? String(value).replace(/[\d.]+× the time/, '') : value)));
}
