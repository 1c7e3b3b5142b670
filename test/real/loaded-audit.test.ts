import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateAuditReport } from '../../src/core/report/auditSchema';
import { ANNOTATE_FROM, planLineAnnotations } from '../../src/extension/logic/annotationPlan';
import { LoadedAudit, TREE_LIMIT } from '../../src/extension/logic/loadedAudit';
import { readResultFiles } from '../../src/extension/logic/readResult';
import { parseReportBytes } from '../../src/extension/logic/reportJson';
import { HARD_FROM } from '../../src/extension/logic/reasonText';
import { toRows } from '../../src/extension/logic/reportViews';
import { resolveSampleSources } from '../../src/extension/logic/trustBoundary';
import { runCli } from '../helpers/cli';
import { writeIrisCsv } from '../helpers/iris';
import { tempDir } from '../helpers/tempFiles';
import { writeImageFolder } from '../e2e/workspace/imageFolder';

// One real audit of iris (150 rows, a CSV: every sample has a line), shared by the tests below.
const dir = tempDir();
const dataset = writeIrisCsv(dir);
const resultDir = path.join(dir, 'result');
const audited = runCli(['audit', 'iris.csv', '--out', 'result', '--top', '0'], dir);
const auditFile = path.join(resultDir, 'audit.json');

async function load(): Promise<LoadedAudit> {
  assert.equal(audited.status, 0, audited.stderr);
  const { report, forget } = await readResultFiles(resultDir);
  return await LoadedAudit.build({ datasetPath: dataset, dir: resultDir, report, forget, sources: resolveSampleSources(report.samples, dataset, auditFile), isFolder: false });
}

test('the asynchronous read checks in steps and gives the report the one-shot check gives', async () => {
  const audit = await load();
  assert.deepEqual(audit.report, validateAuditReport(JSON.parse(fs.readFileSync(auditFile, 'utf8'))));
  assert.equal(audit.forget, null);
});

test('a broken sample deep in the report is named by file, index and field', async () => {
  assert.equal(audited.status, 0, audited.stderr);
  const brokenDir = path.join(dir, 'broken');
  const report = JSON.parse(fs.readFileSync(auditFile, 'utf8'));
  report.samples[137].difficulty = 'very';
  fs.mkdirSync(brokenDir, { recursive: true });
  fs.writeFileSync(path.join(brokenDir, 'audit.json'), JSON.stringify(report));
  await assert.rejects(readResultFiles(brokenDir), new RegExp(`${path.join(brokenDir, 'audit.json').replace(/[.\\/]/g, '\\$&')}: .*samples\\.137\\.difficulty`));
  fs.writeFileSync(path.join(brokenDir, 'audit.json'), '{"schemaVersion": 1, ');
  await assert.rejects(readResultFiles(brokenDir), /broken[\\/]audit\.json: not JSON/);
});

test('lookups by id and by line find every sample; rows are the panel rows', async () => {
  const audit = await load();
  assert.equal(audit.byId.size, 150);
  for (const sample of audit.report.samples) {
    assert.equal(audit.byId.get(sample.id), sample);
    assert.deepEqual(audit.samplesOnLines(dataset, [sample.source.line!]), [sample]);
  }
  assert.deepEqual(audit.rows, toRows(audit.report, null));
  // Lines 1 (the header) to 11: the first ten data rows, in line order, whatever their rank.
  assert.deepEqual(audit.samplesOnLines(dataset, [11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10]).map((s) => s.source.line), [2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  assert.deepEqual(audit.samplesOnLines(path.join(dir, 'other.csv'), [2]), []);
  assert.equal(audit.imageBadges.size, 0, 'a table has no image badges');
  const hard = audit.report.samples.filter((s) => s.difficulty >= HARD_FROM);
  assert.ok(hard.length > 0, 'iris has hard samples (the tree is not trivially empty)');
  assert.deepEqual(audit.hardest, hard.slice(0, TREE_LIMIT));
});

test('the cached annotation plan is the plan computed from the report, and a hover finds its line', async () => {
  const audit = await load();
  for (const topN of [0, 3, 100]) {
    const expected = planLineAnnotations(audit.report, dir, dataset, topN, null);
    assert.equal(expected.length, Math.min(topN, audit.report.samples.filter((s) => s.difficulty >= ANNOTATE_FROM).length));
    assert.deepEqual(audit.annotationPlan(dataset, topN), expected);
    assert.equal(audit.annotationPlan(dataset, topN), audit.annotationPlan(dataset, topN), 'computed once');
    for (const a of expected) assert.deepEqual(audit.annotationAt(dataset, topN, a.line), a);
    const unannotated = audit.report.samples.find((s) => !expected.some((a) => a.sample === s))!;
    assert.equal(audit.annotationAt(dataset, topN, unannotated.source.line! - 1), undefined);
  }
  assert.deepEqual(audit.annotationPlan(path.join(dir, 'forget-set.txt'), 100), []);
});

test('an image folder reached through a symlink: badges under both paths, rows with the image inside the folder', async () => {
  const root = tempDir();
  const real = path.join(root, 'real-clothes');
  const { images } = writeImageFolder(real);
  const linked = path.join(root, 'clothes');
  fs.symlinkSync(real, linked);
  const result = runCli(['audit', linked, '--out', 'out', '--top', '0'], root);
  assert.equal(result.status, 0, result.stderr);
  const dir = path.join(root, 'out');
  const { report, forget } = await readResultFiles(dir);
  const audit = await LoadedAudit.build({ datasetPath: linked, dir, report, forget, sources: resolveSampleSources(report.samples, linked, path.join(dir, 'audit.json')), isFolder: true });
  assert.equal(audit.byId.size, images);
  assert.equal(audit.lines.size, 0, 'images have no lines');
  const flagged = report.samples.filter((s) => s.difficulty >= 0.3);
  assert.ok(flagged.length > 0 && flagged.length < images, `some images, not all, get a badge (${flagged.length} of ${images})`);
  for (const sample of report.samples) {
    const viaLink = path.resolve(root, sample.source.file);
    const viaReal = path.join(fs.realpathSync(real), path.relative(linked, viaLink));
    assert.equal(audit.imageBadges.get(viaLink), flagged.includes(sample) ? sample : undefined, `badge of ${sample.id} by the explorer's path`);
    assert.equal(audit.imageBadges.get(viaReal), flagged.includes(sample) ? sample : undefined, `badge of ${sample.id} by its real path`);
  }
  assert.ok(audit.rows.every((r) => r.image !== undefined && !r.image.startsWith('..') && fs.existsSync(path.join(real, r.image))), 'every row names its image inside the folder');
});

test('the report bytes parsed a few samples at a time is what JSON.parse gives, in any layout; bad JSON fails as JSON.parse does', async () => {
  assert.equal(audited.status, 0, audited.stderr);
  const text = fs.readFileSync(auditFile, 'utf8');
  const whole = JSON.parse(text) as { samples: unknown[] };
  assert.ok(text.includes('\n "samples": [\n  {'), 'the CLI writes the layout the stepwise parse follows');
  for (const step of [1, 7, 149, 150, 2000]) assert.deepEqual(await parseReportBytes(Buffer.from(text), step), whole, `${step} samples per step`);
  const { samples, ...rest } = whole;
  const samplesFirst = JSON.stringify({ samples, ...rest }, null, 1);
  assert.deepEqual(await parseReportBytes(Buffer.from(samplesFirst), 7), JSON.parse(samplesFirst));
  assert.deepEqual(await parseReportBytes(Buffer.from(JSON.stringify(whole)), 7), whole, 'compact JSON');
  // Multi-byte UTF-8 (and text that looks like the markers, escaped inside strings) on step edges.
  const tricky = JSON.parse(text) as { samples: Array<{ preview: string }> };
  tricky.samples.forEach((sample, i) => (sample.preview = i % 7 === 6 ? `é✓日本 ${'\n  },'} 🙂` : sample.preview));
  const trickyText = JSON.stringify(tricky, null, 1);
  assert.deepEqual(await parseReportBytes(Buffer.from(trickyText), 7), JSON.parse(trickyText));
  const cut = text.slice(0, Math.floor(text.length / 2));
  let expected: unknown;
  try {
    JSON.parse(cut);
  } catch (err) {
    expected = err;
  }
  await assert.rejects(parseReportBytes(Buffer.from(cut), 7), (err: Error) => err.message === (expected as Error).message);
});

test('built in small steps or in one, the loaded audit is the same', async () => {
  const one = await load();
  const { report, forget } = await readResultFiles(resultDir);
  const stepped = await LoadedAudit.build({ datasetPath: dataset, dir: resultDir, report, forget, sources: one.sources, isFolder: false }, 7);
  assert.deepEqual(stepped.rows, one.rows);
  assert.deepEqual([...stepped.byId.keys()], [...one.byId.keys()]);
  assert.deepEqual(stepped.lines, one.lines);
  assert.deepEqual(stepped.hardest, one.hardest);
});
