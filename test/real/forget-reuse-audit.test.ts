import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateForgetReport } from '../../src/core/forget/schema';
import { AuditReportSchema } from '../../src/core/report/auditSchema';
import { forgetRequest } from '../../src/extension/logic/forgetRequest';
import { SettingName, parseSettings } from '../../src/extension/logic/settings';
import { runCli } from '../helpers/cli';
import { readDigits, writeDigitsCsv } from '../helpers/digits';
import { tempDir, writeFile } from '../helpers/tempFiles';

// Real data: the first 600 of scikit-learn's digits, small training runs to keep it quick.
const dir = tempDir();
const rows = readDigits().slice(0, 600);
const dataset = writeDigitsCsv(path.join(dir, 'digits.csv'), rows);
writeFile(dir, 'request.txt', rows.filter((_, i) => i % 40 === 3).map((r) => r.id).join('\n') + '\n');
const common = ['--seed', '2', '--epochs', '4', '--test-fraction', '0.2', '--no-progress'];
const forgetFlags = ['--forget', 'request.txt', '--algorithms', 'finetune', '--retrain-seeds', '1', '--carriers', '2', ...common];

/** The report without what must differ between two runs: wall-clock times (and ratios of them), timestamps, where the audit came from. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value && typeof value === 'object') {
    const kept = Object.entries(value).filter(([key]) => !/seconds|relativeTime|At$|^auditSource$|^reproduce$/i.test(key));
    return Object.fromEntries(kept.map(([key, v]) => [key, comparable(v)]));
  }
  return typeof value === 'string' ? value.replace(/[\d.]+× the time/g, '× the time') : value;
}

function readReport(out: string) {
  return validateForgetReport(JSON.parse(fs.readFileSync(path.join(dir, out, 'forget-audit.json'), 'utf8')));
}

test('forget audit reusing the dataset audit.json gives the same report as running its own with the same settings', () => {
  const audit = runCli(['audit', dataset, '--out', 'audited', ...common], dir);
  assert.equal(audit.status, 0, audit.stderr);
  const auditFile = path.join(dir, 'audited', 'audit.json');

  const reused = runCli(['forget', dataset, '--audit', auditFile, '--out', 'reused', ...forgetFlags], dir);
  assert.equal(reused.status, 0, reused.stderr);
  const ownAudit = runCli(['forget', dataset, '--out', 'own', ...forgetFlags], dir);
  assert.equal(ownAudit.status, 0, ownAudit.stderr);

  const a = readReport('reused');
  const b = readReport('own');
  assert.equal(a.auditSource?.origin, 'reused');
  assert.equal(a.auditSource?.path, auditFile);
  assert.equal(a.auditSource?.createdAt, JSON.parse(fs.readFileSync(auditFile, 'utf8')).createdAt);
  assert.equal(b.auditSource?.origin, 'run now');
  assert.equal(b.auditSource?.path, null);
  assert.deepEqual(a.auditSource?.settings, b.auditSource?.settings);
  assert.match(a.reproduce, /--audit /);
  const markdown = (out: string) => fs.readFileSync(path.join(dir, out, 'forget-audit.md'), 'utf8');
  assert.ok(markdown('reused').includes(`- per-sample audit: reused ${auditFile} (written ${a.auditSource?.createdAt}; mode fast, seed 2, test fraction 0.2,`));
  assert.match(markdown('own'), /- per-sample audit: run now, none was given \(mode fast, seed 2, test fraction 0\.2,/);
  assert.ok(fs.readFileSync(path.join(dir, 'reused', 'forget-audit.html'), 'utf8').includes('per-sample audit: reused '));
  assert.ok(a.samples.length === 15 && a.samples.some((s) => s.memorization !== null), 'the reused audit supplies memorization');
  assert.deepEqual(comparable(a), comparable(b));
});

test('an audit of other settings or of a changed file is refused with exit 2, naming what differs', () => {
  const auditFile = path.join(dir, 'audited', 'audit.json');
  assert.ok(fs.existsSync(auditFile), 'the first test writes the audit');

  const otherSeed = runCli(['forget', dataset, '--audit', auditFile, '--out', 'x', ...forgetFlags, '--seed', '5'], dir);
  assert.equal(otherSeed.status, 2, otherSeed.stderr);
  assert.match(otherSeed.stderr, /audit\.json: this audit does not match .*seed is 2 in the audit but 5 now/);
  assert.doesNotMatch(otherSeed.stderr, /test fraction/);

  const otherFraction = runCli(['forget', dataset, '--audit', auditFile, '--out', 'x', ...forgetFlags, '--test-fraction', '0.1'], dir);
  assert.equal(otherFraction.status, 2, otherFraction.stderr);
  assert.match(otherFraction.stderr, /test fraction is 0\.2 in the audit but 0\.1 now/);

  const edited = rows.map((r) => ({ ...r }));
  edited[10].label = (edited[10].label + 1) % 10;
  const changed = writeDigitsCsv(path.join(dir, 'digits-edited.csv'), edited);
  const stale = runCli(['forget', changed, '--audit', auditFile, '--out', 'x', ...forgetFlags], dir);
  assert.equal(stale.status, 2, stale.stderr);
  assert.match(stale.stderr, /dataset sha256 is "[0-9a-f]{64}" in the audit but "[0-9a-f]{64}" now/);

  writeFile(dir, 'not-audit.json', '{"schemaVersion": 1}');
  const bogus = runCli(['forget', dataset, '--audit', 'not-audit.json', '--out', 'x', ...forgetFlags], dir);
  assert.equal(bogus.status, 2, bogus.stderr);
  assert.match(bogus.stderr, /not-audit\.json: not a ForgetLens audit\.json/);
  assert.ok(!fs.existsSync(path.join(dir, 'x')), 'nothing was written');
});

test("the extension's forget request reuses the dataset's audit only while it is current and of the same seed", () => {
  const auditDir = path.join(dir, 'audited');
  const report = AuditReportSchema.parse(JSON.parse(fs.readFileSync(path.join(auditDir, 'audit.json'), 'utf8')));
  const audited = { datasetPath: dataset, dir: auditDir, report, stale: false };
  const request = (settings: Partial<Record<SettingName, unknown>>, stale = false) => forgetRequest(parseSettings(settings), { ...audited, stale }, 'request.txt').options;

  const reused = request({ seed: 2, mode: 'thorough' });
  assert.equal(reused.auditFile, path.join(auditDir, 'audit.json'));
  assert.equal(reused.testFraction, 0.2);
  assert.equal(reused.mode, undefined, "the audit's mode applies");
  assert.equal(reused.label, 'label');
  for (const ranNow of [request({ seed: 2, mode: 'thorough' }, true), request({ seed: 3, mode: 'thorough' })]) {
    assert.equal(ranNow.auditFile, undefined);
    assert.equal(ranNow.mode, 'thorough');
  }
});
