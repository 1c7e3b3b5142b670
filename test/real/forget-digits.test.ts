import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateForgetReport } from '../../src/core/forget/schema';
import { CLI, runCli } from '../helpers/cli';
import { DigitRow, readDigits, writeDigitsCsv } from '../helpers/digits';
import { tempDir, writeFile } from '../helpers/tempFiles';
import { ReportedAccuracies, towFromAccuracies } from '../helpers/tow';

// Real data: scikit-learn's digits. Group A: mislabelled samples, each with three near-copies
// (same wrong label) that stay in the data. Group B: mislabelled samples with no copy.
const dir = tempDir();

function mislabel(row: DigitRow): void {
  row.label = (row.label + 3) % 10;
}

function nearCopies(row: DigitRow): DigitRow[] {
  return [1, 2, 3].map((c) => {
    const pixels = row.pixels.slice();
    const j = pixels.findIndex((v) => v > 0 && v < 16);
    pixels[j] = Math.min(16, pixels[j] + c);
    return { id: `${row.id}c${c}`, pixels, label: row.label };
  });
}

test('forget audit on digits: copies left behind make deletion ineffective, samples without copies are removable; reports are complete', () => {
  const rows = readDigits();
  const groupA = rows.filter((_, i) => i % 60 === 7).slice(0, 15);
  const groupB = rows.filter((_, i) => i % 60 === 37).slice(0, 15);
  [...groupA, ...groupB].forEach(mislabel);
  rows.push(...groupA.flatMap(nearCopies));
  const dataset = writeDigitsCsv(path.join(dir, 'digits.csv'), rows);
  writeFile(dir, 'request.txt', ['# deletion request', ...groupA.map((r) => r.id), '', ...groupB.map((r) => r.id)].join('\n') + '\n');

  const run = runCli(['forget', dataset, '--forget', 'request.txt', '--rum', '--out', 'out', '--seed', '3'], dir);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Of 30 requested samples, /);
  const report = validateForgetReport(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'forget-audit.json'), 'utf8')));
  const group = (ids: DigitRow[]) => report.samples.filter((s) => ids.some((r) => r.id === s.id));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  const a = group(groupA);
  const b = group(groupB);
  assert.ok(mean(a.map((s) => s.pRetrain)) >= 0.8, `group A mean p under retraining ${mean(a.map((s) => s.pRetrain))}`);
  assert.ok(mean(b.map((s) => s.pRetrain)) <= 0.2, `group B mean p under retraining ${mean(b.map((s) => s.pRetrain))}`);
  const ineffective = (ss: typeof a) => ss.filter((s) => s.verdict === 'ineffective-alone').length / ss.length;
  assert.ok(ineffective(a) >= 0.9, `group A ineffective-alone ${ineffective(a)}`);
  assert.ok(ineffective(b) <= 0.1, `group B ineffective-alone ${ineffective(b)}`);
  for (const s of a.filter((x) => x.verdict === 'ineffective-alone')) {
    assert.ok(s.similarInRetain.some((x) => x.id.startsWith(`${s.id}c`)), `${s.id} should name its own copies`);
  }

  assert.equal(report.algorithms.length, 7);
  // ToW from the accuracies the report shows, by its definition, not by the code that made it.
  const r = report.retrain;
  const towOf = (m: ReportedAccuracies) => towFromAccuracies(m, r);
  for (const alg of [...report.algorithms, report.rum!.rum, report.rum!.control]) {
    assert.ok(Math.abs(alg.tow - towOf(alg)) < 1e-3, `${alg.name}: ToW ${alg.tow}, from its accuracies ${towOf(alg).toFixed(4)}`);
    assert.ok(Math.abs(alg.relativeTime - alg.seconds / r.seconds) < 1e-3 * Math.max(1, alg.relativeTime), `${alg.name}: relative time ${alg.relativeTime} vs ${alg.seconds} s / ${r.seconds} s`);
  }
  // Times are measured: the models' seconds fit inside the run's wall clock, and are not all the same.
  const wall = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const timed = [report.original, r, ...report.algorithms];
  assert.ok(timed.reduce((sum, m) => sum + m.seconds, 0) <= wall + 0.5, `model seconds ${timed.map((m) => m.seconds).join(' + ')} within the run's ${wall} s`);
  assert.ok(new Set(report.algorithms.map((a) => a.seconds)).size > 1, 'each algorithm has its own measured time');
  assert.equal(report.rum!.control.name, 'rum-shuffled-control');
  assert.match(report.rum!.split, /^tiers by (memorization \(the audit's fast estimate\)|the confidence proxy)/);
  assert.ok(['fast', 'confidence-proxy'].includes(report.rum!.estimate!), `RUM names its estimate: ${report.rum!.estimate}`);
  assert.equal(report.rum!.tierSizes!.reduce((x, y) => x + y, 0), 30);
  assert.equal(report.protocol!.testUsedFor, 'reporting only');
  assert.ok(report.protocol!.validationSize >= 100 && report.protocol!.validationSize <= 200, `V has ${report.protocol!.validationSize} samples`);
  // RUM is compared with its own algorithms (default recipe none → finetune → salun) run once on the whole set.
  assert.deepEqual(report.rum!.baselines!.map((b) => b.name), ['finetune', 'salun']);
  assert.deepEqual(report.rum!.baselines!.map((b) => b.tow), ['finetune', 'salun'].map((n) => report.algorithms.find((a) => a.name === n)!.tow));
  assert.equal(Object.keys(report.prediction.algorithmPairs!).length, 21, 'Spearman for each of the 21 pairs of algorithms');
  assert.ok(report.reproduce.includes('--retrain-seeds 3') && report.reproduce.includes('--rum-recipe none,finetune,salun'), report.reproduce);
  const md = fs.readFileSync(path.join(dir, 'out', 'forget-audit.md'), 'utf8');
  const html = fs.readFileSync(path.join(dir, 'out', 'forget-audit.html'), 'utf8');
  assert.ok(md.startsWith('# Forget-set audit'));
  assert.ok(md.includes(report.dataset.sha256) && md.includes(report.reproduce));
  assert.match(html, /<svg role="img" aria-label="ToW per method"/);
  assert.ok(md.includes('for the shuffled control and finetune') && html.includes('How well the per-sample audit predicted this'));
  assert.doesNotMatch(html, /<script|https?:\/\//i, 'the HTML report is self-contained and runs nothing');
  assert.match(html, /<h2>Review<\/h2>[\s\S]*reviewer[\s\S]*decision[\s\S]*signature[\s\S]*<\/body>/, 'the report ends with a block the reviewer signs');
  assert.deepEqual(fs.readdirSync(path.join(dir, 'out')).sort(), ['forget-audit.html', 'forget-audit.json', 'forget-audit.md'], 'no temporary files left');
});

test('forget: unknown ids exit 2 listing them, and nothing is written', () => {
  writeFile(dir, 'bad-request.txt', 'd1\nnot-a-row\nd2\n');
  const run = runCli(['forget', path.join(dir, 'digits.csv'), '--forget', 'bad-request.txt', '--out', 'out-bad'], dir);
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /bad-request\.txt: 1 requested id is not in the dataset: "not-a-row"/);
  assert.equal(fs.existsSync(path.join(dir, 'out-bad')), false);
});

test('forget: a run cancelled mid-way (SIGINT) exits 1 and leaves no report, not even a partial one', async () => {
  const child = spawn(process.execPath, [CLI, 'forget', path.join(dir, 'digits.csv'), '--forget', 'request.txt', '--out', 'out-cancelled'], { cwd: dir });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.includes('forgetlens: training') && !child.killed) child.kill('SIGINT');
  });
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  assert.equal(status, 1, stderr);
  assert.match(stderr, /cancelled; nothing was written/);
  assert.equal(fs.existsSync(path.join(dir, 'out-cancelled')), false);
});
