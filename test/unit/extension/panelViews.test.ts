import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { MAX_CHART_BYTES, chartFileName, decodeChartExport } from '../../../src/extension/logic/chartExport';
import { labelChoice } from '../../../src/extension/logic/labelColumn';
import { LARGE_FILE_BYTES, LARGE_FILE_NOTICE, RESTRICTED_NOTICE, panelNotices } from '../../../src/extension/logic/panelNotices';
import { imageInDataset, toForgetSummary, toRows } from '../../../src/extension/logic/reportViews';
import type { ForgetReport } from '../../../src/core/forget/schema';
import { sampleCarrierLines } from '../../../src/core/forget/carrierText';
import type { AuditReport, AuditSample } from '../../../src/core/report/auditSchema';
import type { SampleRow } from '../../../src/protocol/webview';
import { summarizeClasses } from '../../../webview/classSummary';
import { DEFAULT_VIEW, indexOfSample, rowKeyTarget, visibleRows } from '../../../webview/tableState';
import { thumbnailUrl } from '../../../webview/thumbnails';

function sample(id: string, difficulty: number, source: AuditSample['source'], label = 'a'): AuditSample {
  return {
    id, source, label, split: 'train', rank: 0, difficulty, reasons: [`reason of ${id}`], contributions: { memorization: difficulty }, preview: id,
    factors: { memorization: difficulty, confidence: 0.5, similarCount: id.length % 3, entanglement: 0.1, labelDisagreement: 0, similarIds: [], similarities: [] },
  } as unknown as AuditSample;
}

function report(samples: AuditSample[]): AuditReport {
  samples.forEach((s, i) => (s.rank = i + 1));
  return { samples } as unknown as AuditReport;
}

function forgetReport(verdicts: Array<[string, 'forgettable' | 'hard' | 'ineffective-alone']>): ForgetReport {
  const method = (name: string, tow: number) => ({ name, tow, towMia: tow - 0.05, mia: 0.5, relativeTime: 0.1, forgetAcc: 0.9 });
  return {
    algorithms: [method('finetune', 0.91), method('salun', 0.95)],
    rum: { recipe: ['none', 'finetune', 'salun'], split: 'memorization', rum: method('rum', 0.96), control: method('rum-control', 0.93) },
    samples: verdicts.map(([id, verdict]) => ({ id, verdict, evidence: `because ${id}` })),
    summary: { text: 'Of 3 requested samples…', alsoConsiderDeleting: ['n1', 'n2'] },
  } as unknown as ForgetReport;
}

test('rows carry the forget-set verdict; the verdict filter shows one verdict, or the whole forget set', () => {
  const r = report(['s1', 's2', 's3', 's4', 's5'].map((id, i) => sample(id, 1 - i / 10, { file: 'x.csv', line: i + 2 })));
  const rows = toRows(r, forgetReport([['s2', 'hard'], ['s4', 'ineffective-alone'], ['s5', 'hard']]));
  assert.deepEqual(rows.map((x) => x.verdict ?? null), [null, 'hard', null, 'ineffective-alone', 'hard']);
  assert.deepEqual(visibleRows(rows, { ...DEFAULT_VIEW, verdict: 'hard' }).map((x) => x.id), ['s2', 's5']);
  assert.deepEqual(visibleRows(rows, { ...DEFAULT_VIEW, verdict: 'requested' }).map((x) => x.id), ['s2', 's4', 's5']);
  assert.deepEqual(visibleRows(rows, { ...DEFAULT_VIEW, verdict: 'forgettable' }), []);
  assert.equal(visibleRows(rows, DEFAULT_VIEW).length, 5);
  // Sorting by verdict puts samples outside the forget set last, both ways.
  assert.deepEqual(visibleRows(rows, { ...DEFAULT_VIEW, sortKey: 'verdict', descending: true }).map((x) => x.verdict ?? null), ['ineffective-alone', 'hard', 'hard', null, null]);
});

test('forget summary: methods with RUM and its control last, verdict counts, the "also consider deleting" list', () => {
  const summary = toForgetSummary(forgetReport([['a', 'hard'], ['b', 'forgettable'], ['c', 'hard']]), '/ws/.forgetlens/x/forget-audit.html');
  assert.deepEqual(summary.methods.map((m) => m.name), ['finetune', 'salun', 'rum', 'rum-control']);
  assert.deepEqual(summary.counts, { forgettable: 1, hard: 2, 'ineffective-alone': 0 });
  assert.equal(summary.rum?.rum.tow, 0.96);
  assert.equal(summary.rum?.control.tow, 0.93);
  assert.deepEqual(summary.alsoConsiderDeleting, ['n1', 'n2']);
});

test('forget summary: each verdict carries its confirmed carriers with their evidence, and its near-duplicates', () => {
  const report = forgetReport([['a', 'ineffective-alone']]);
  const carrier = (id: string, confirmed: boolean) => ({ id, confirmed, why: `why ${id}` });
  Object.assign(report.samples[0], { carriers: [carrier('n1', true), carrier('t1', false)], similarInRetain: [{ id: 'd1', similarity: 0.99 }] });
  Object.assign(report, { carrierRetrain: { perSpace: 5, heldOut: 12, models: 3, seconds: 4.2, classCheck: [] } });
  const summary = toForgetSummary(report, null);
  assert.deepEqual(summary.verdicts[0].carriers, [{ id: 'n1', why: 'why n1' }]);
  assert.deepEqual(summary.verdicts[0].nearDuplicates, ['d1']);
  assert.match(summary.carrierCost ?? '', /3 models.*12 retain samples held out.*took 4\.2 s/);
});

test('image samples get their path inside the dataset folder; rows of a table and files outside the folder get none', () => {
  const folder = path.join('/ws', 'images');
  const r = report([
    sample('cats/a b.png', 0.9, { file: path.join(folder, 'cats', 'a b.png') }),
    sample('dogs/x.JPG', 0.8, { file: 'images/dogs/x.JPG' }),
    sample('row', 0.7, { file: 'data.csv', line: 3 }),
    sample('outside', 0.6, { file: path.join('/ws', 'other', 'y.png') }),
  ]);
  assert.deepEqual(toRows(r, null, folder).map((x) => x.image ?? null), ['cats/a b.png', 'dogs/x.JPG', null, null]);
  assert.equal(imageInDataset(r.samples[3], folder), undefined);
  assert.equal(toRows(r).some((x) => x.image), false, 'no dataset folder, no thumbnails');
});

test('thumbnail URLs: each segment percent-encoded under the folder URI; paths that could leave it give none', () => {
  const root = 'https://file+.vscode-resource.vscode-cdn.net/ws/images/';
  assert.equal(thumbnailUrl(root, 'cats/a b.png'), 'https://file+.vscode-resource.vscode-cdn.net/ws/images/cats/a%20b.png');
  const hostile = thumbnailUrl(root, '"><img src=x onerror=alert(1)>/#?.png')!;
  assert.ok(hostile.startsWith(root) && !/["<> #?]/.test(hostile.slice(root.length)), hostile);
  for (const bad of ['../secret.png', 'a/../../b.png', 'a//b.png', './a.png', 'a\\..\\b.png']) assert.equal(thumbnailUrl(root, bad), null, bad);
  assert.equal(thumbnailUrl(null, 'a.png'), null);
  assert.equal(thumbnailUrl(root, undefined), null);
});

test('per-class summary: counts, hard and memorized at 0.5, mean difficulty, forget-set members, in class order', () => {
  const row = (label: string, difficulty: number, memorization: number | null, similarCount: number, verdict?: 'hard'): SampleRow =>
    ({ id: `${label}${difficulty}`, label, difficulty, memorization, similarCount, verdict }) as SampleRow;
  const rows = [row('b', 0.9, 0.8, 0, 'hard'), row('a', 0.1, null, 2), row('b', 0.5, 0.5, 1), row('a', 0.3, 0.2, 0), row('b', 0.1, 0.1, 0)];
  const summary = summarizeClasses(rows, ['a', 'b']);
  assert.deepEqual(summary.map((s) => [s.label, s.samples, s.hard, s.memorized, s.withSimilar, s.requested]), [['a', 2, 0, 0, 1, 0], ['b', 3, 2, 2, 1, 1]]);
  assert.ok(Math.abs(summary[1].meanDifficulty - 0.5) < 1e-12);
});

test('keyboard in the grid: arrows move one row, Home/End jump to the ends, PageUp/PageDown move a screenful; selection finds its row', () => {
  assert.equal(rowKeyTarget('ArrowDown', 3, 10, 4), 4);
  assert.equal(rowKeyTarget('ArrowDown', 9, 10, 4), 9);
  assert.equal(rowKeyTarget('ArrowUp', 0, 10, 4), 0);
  assert.equal(rowKeyTarget('End', 2, 60000, 4), 59999);
  assert.equal(rowKeyTarget('Home', 7, 10, 4), 0);
  assert.equal(rowKeyTarget('PageDown', 0, 10, 4), 4);
  assert.equal(rowKeyTarget('PageDown', 8, 10, 4), 9);
  assert.equal(rowKeyTarget('PageUp', 2, 10, 4), 0);
  assert.equal(rowKeyTarget('PageUp', 9, 10, 4), 5);
  assert.equal(rowKeyTarget('a', 0, 10, 4), undefined);
  const rows = toRows(report(Array.from({ length: 250 }, (_, i) => sample(`r${i}`, 1 - i / 250, { file: 'x.csv', line: i + 2 }, i % 2 ? 'odd' : 'even'))));
  assert.equal(indexOfSample(rows, DEFAULT_VIEW, 'r205'), 205);
  assert.equal(indexOfSample(rows, { ...DEFAULT_VIEW, label: 'odd' }, 'r205'), 102);
  assert.equal(indexOfSample(rows, { ...DEFAULT_VIEW, label: 'even' }, 'r205'), undefined);
});

test('chart exports: SVG text and PNG data URLs are decoded and checked; anything else is refused', () => {
  const image = new PNG({ width: 3, height: 2 });
  image.data.fill(200);
  const png = PNG.sync.write(image);
  assert.ok(decodeChartExport('png', `data:image/png;base64,${png.toString('base64')}`).equals(png));
  assert.equal(decodeChartExport('svg', '<svg xmlns="http://www.w3.org/2000/svg"></svg>').toString('utf8'), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  assert.throws(() => decodeChartExport('png', `data:image/png;base64,${Buffer.from('GIF89a not a png').toString('base64')}`), /not a PNG image/);
  assert.throws(() => decodeChartExport('png', 'data:text/html;base64,PHNjcmlwdD4='), /not a PNG data URL/);
  assert.throws(() => decodeChartExport('svg', '<html><script>alert(1)</script>'), /not an SVG/);
  assert.throws(() => decodeChartExport('svg', `<svg>${'x'.repeat(MAX_CHART_BYTES * 2)}</svg>`), /too large/);
  assert.throws(() => decodeChartExport('gif' as never, 'x'), /unknown chart format/);
  assert.equal(chartFileName('Memorization vs near-duplicates', 'svg'), 'forgetlens-memorization-vs-near-duplicates.svg');
  assert.equal(chartFileName('../../etc/passwd', 'png'), 'forgetlens-etc-passwd.png');
  assert.equal(chartFileName('', 'png'), 'forgetlens-chart.png');
});

test('the panel says why: Restricted Mode, and no line annotations for files over 50 MB', () => {
  assert.deepEqual(panelNotices({ trusted: true, datasetBytes: 1000 }), []);
  assert.deepEqual(panelNotices({ trusted: true, datasetBytes: null }), [], 'image folders are never "large files"');
  assert.deepEqual(panelNotices({ trusted: true, datasetBytes: LARGE_FILE_BYTES + 1 }), [LARGE_FILE_NOTICE]);
  assert.deepEqual(panelNotices({ trusted: false, datasetBytes: LARGE_FILE_BYTES }), [RESTRICTED_NOTICE]);
  assert.match(LARGE_FILE_NOTICE, /no line annotations/);
  assert.match(RESTRICTED_NOTICE, /loads no model and trains nothing/);
});

test('label column: inferred from a label-like name (CSV, TSV, JSONL), else the user picks, last non-id column first', () => {
  assert.deepEqual(labelChoice('\uFEFFid,p0,p1,label', 'csv'), { inferred: 'label', candidates: ['label', 'p1', 'p0'] });
  assert.equal(labelChoice('ID\tx\tTarget\tz', 'tsv').inferred, 'Target');
  assert.deepEqual(labelChoice('"sepal, length",petal,species,id', 'csv'), { inferred: undefined, candidates: ['species', 'petal', 'sepal, length'] });
  assert.deepEqual(labelChoice('{"id":"a","text":"hi","y":1}', 'jsonl').inferred, 'y');
  assert.deepEqual(labelChoice('{"id":"a","text":"hi","sentiment":"pos"}', 'jsonl'), { inferred: undefined, candidates: ['sentiment', 'text'] });
  assert.deepEqual(labelChoice('not json', 'jsonl'), { inferred: undefined, candidates: [] });
});

test('forget summary: near-copies with another label are listed as label conflicts, in words, never as carriers', () => {
  const report = forgetReport([['a', 'forgettable']]);
  Object.assign(report.samples[0], { carriers: [], similarInRetain: [], labelConflicts: [{ id: 'x9', label: 'cat', similarity: 0.991 }] });
  const summary = toForgetSummary(report, null);
  assert.deepEqual(summary.verdicts[0].carriers, []);
  assert.equal(summary.verdicts[0].labelConflicts?.length, 1);
  assert.equal(summary.verdicts[0].labelConflicts![0].id, 'x9');
  assert.match(summary.verdicts[0].labelConflicts![0].text, /^x9 \(cosine 0\.991\): a near-copy labelled cat: a label conflict, not a carrier.*makes deletion easier/);
  const lines = sampleCarrierLines(report);
  assert.equal(lines.length, 1, 'a sample with only a label conflict still gets its line in the reports');
  assert.match(lines[0].labelConflicts[0], /near-copy labelled cat/);
});
