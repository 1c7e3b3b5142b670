import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { initBackend } from '../../src/core/model/backend';
import { validateAuditReport } from '../../src/core/report/auditSchema';
import { runCli } from '../helpers/cli';
import { DIGITS_CSV, readDigits, writeDigitsCsv } from '../helpers/digits';
import { saveLayersModel } from '../helpers/layersModel';
import { tempDir, writeFile } from '../helpers/tempFiles';

const dir = tempDir();

test('audit of the example dataset writes a valid report, prints the hardest samples, and is reproducible', () => {
  const first = runCli(['audit', DIGITS_CSV, '--out', 'run1', '--top', '5'], dir);
  assert.equal(first.status, 0, first.stderr);
  assert.match(first.stdout, /ForgetLens audit of .*digits\.csv: 1797 samples, 64 features, 10 classes/);
  assert.match(first.stdout, /rank +id +label +difficulty +where +main reason/);
  assert.match(first.stdout, /wrote run1[\\/]audit\.json/);
  const second = runCli(['audit', DIGITS_CSV, '--out', 'run2'], dir);
  assert.equal(second.status, 0, second.stderr);
  const a = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'run1', 'audit.json'), 'utf8')));
  const b = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'run2', 'audit.json'), 'utf8')));
  assert.equal(a.samples.length, 1797);
  assert.equal(a.dataset.sha256, b.dataset.sha256);
  // The whole report, not only the scores: only when it was made and how long each phase took may differ.
  const { createdAt: createdA, timings: timingsA, ...restA } = a;
  const { createdAt: createdB, timings: timingsB, ...restB } = b;
  assert.deepEqual(restA, restB, 'same data, seed and settings must give the same report');
  assert.deepEqual(Object.keys(timingsA).sort(), Object.keys(timingsB).sort());
  assert.ok(Date.parse(createdB) >= Date.parse(createdA), `${createdA} then ${createdB}`);
  assert.ok(a.samples.every((s, i) => s.rank === i + 1 && (i === 0 || a.samples[i - 1].difficulty >= s.difficulty)));
  assert.equal(a.model.backend, 'wasm');
  assert.ok(a.model.testAccuracy! > 0.9, `test accuracy ${a.model.testAccuracy}`);
  const line = a.samples.find((s) => s.id === 'd10')!.source.line;
  assert.equal(line, 11, 'd10 is on line 11 of the CSV (after the header)');
});

test('bad input exits with 2, names the file and line, and writes nothing', () => {
  const good = readDigits().slice(0, 60);
  const cases: Array<[string, string, RegExp]> = [
    ['empty.csv', '', /empty\.csv: the file is empty/],
    ['header.csv', 'a,b,label\n', /header\.csv: no data rows after the header/],
    ['ragged.csv', 'a,b,label\n1,2,x\n1,2,y\n3\n', /ragged\.csv:4: expected 3 fields/],
    ['single.csv', 'a,label\n1,x\n2,x\n', /single\.csv: only one class "x"/],
    ['dupes.csv', 'id,a,label\nq,1,x\nr,2,y\nq,3,x\n', /dupes\.csv:4: duplicate id "q" on lines 2 and 4/],
  ];
  const nonNumeric = good.map((r) => ({ ...r, pixels: r.pixels.map(String) as unknown as number[] }));
  (nonNumeric[40].pixels as unknown as string[])[5] = 'five';
  writeDigitsCsv(path.join(dir, 'nonnumeric.csv'), nonNumeric);
  cases.push(['nonnumeric.csv', '', /nonnumeric\.csv:42 \(column "p5"\): value "five" is not a number/]);
  for (const [name, content, pattern] of cases) {
    if (content || name !== 'nonnumeric.csv') writeFile(dir, name, content);
    const out = `out-${name}`;
    const result = runCli(['audit', name, '--out', out], dir);
    assert.equal(result.status, 2, `${name}: exit ${result.status}, stderr ${result.stderr}`);
    assert.match(result.stderr, pattern);
    assert.equal(fs.existsSync(path.join(dir, out)), false, `${name}: nothing may be written`);
  }
  const unknownFlag = runCli(['audit', DIGITS_CSV, '--mode', 'slow'], dir);
  assert.equal(unknownFlag.status, 2);
});

test('a corrupt image in an image folder exits with 2 naming the image', () => {
  writeFile(dir, 'imgs/a/broken.png', 'not an image');
  writeFile(dir, 'imgs/b/other.png', 'not an image either');
  const result = runCli(['audit', 'imgs', '--out', 'out-imgs'], dir);
  assert.equal(result.status, 2, result.stderr);
  assert.match(result.stderr, /imgs[\\/]a[\\/]broken\.png: cannot decode the image/);
  assert.equal(fs.existsSync(path.join(dir, 'out-imgs')), false);
});

test("a user's TF.js model: factors that need the training run are null and said to be unavailable; a wrong input shape exits 2", async () => {
  await initBackend('wasm');
  const fits = await saveLayersModel(path.join(dir, 'model-ok'), 64, 10);
  const ok = runCli(['audit', DIGITS_CSV, '--model', fits, '--out', 'out-model'], dir);
  assert.equal(ok.status, 0, ok.stderr);
  const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'out-model', 'audit.json'), 'utf8')));
  assert.equal(report.model.source, 'loaded');
  assert.ok(report.samples.every((s) => s.factors.confidence === null));
  assert.match(report.diagnostics.memorizationMethod, /heads on frozen embeddings/);
  assert.ok(report.samples.every((s) => Number.isFinite(s.factors.loss) && Number.isFinite(s.factors.entanglement)));
  assert.ok(report.diagnostics.unavailableFactors.some((u) => u.factor === 'confidence'));

  const wrong = await saveLayersModel(path.join(dir, 'model-wrong'), 30, 10);
  const bad = runCli(['audit', DIGITS_CSV, '--model', wrong, '--out', 'out-wrong'], dir);
  assert.equal(bad.status, 2, bad.stderr);
  assert.match(bad.stderr, /model\.json: the model expects inputs of shape \[30\] \(30 values\) but the dataset has 64 features/);
  assert.equal(fs.existsSync(path.join(dir, 'out-wrong')), false);
});
