import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { codeLensTitle, endOfLineText, planLineAnnotations } from '../../../src/extension/logic/annotationPlan';
import { resultDirFor } from '../../../src/extension/logic/resultPaths';
import { difficultyLevel, reasonsInWords } from '../../../src/extension/logic/reasonText';
import { toDetail, toRows } from '../../../src/extension/logic/reportViews';
import type { AuditReport, AuditSample } from '../../../src/core/report/auditSchema';
import { visibleRows } from '../../../webview/tableState';

function sample(id: string, difficulty: number, line: number | undefined, file = 'data/x.csv', label = 'a'): AuditSample {
  return {
    id,
    source: line === undefined ? { file } : { file, line },
    label,
    split: 'train',
    rank: 0,
    difficulty,
    reasons: [`reason of ${id}`],
    contributions: { memorization: difficulty },
    preview: `preview ${id}`,
    factors: {
      memorization: difficulty, memorizationSoft: null, memorizationCrossFit: null, confidence: 1 - difficulty, maxConfidence: null, negEntropy: null, fractionCorrect: null,
      entanglement: 0.1, entanglementKnnShare: 0, entanglementCentroidRatio: null, similarCount: id === 's2' ? 2 : 0, similarCountCapped: false, exactDuplicates: 0,
      nearestSimilarity: null, similarIds: id === 's2' ? ['s5', 's6'] : [], similarities: id === 's2' ? [0.99, 0.98] : [], margin: 1, loss: 0.1, gradNorm: 0.1,
      cumulativeGradNormSq: null, firstLearnedEpoch: null, forgettingEvents: null, variability: null, labelDisagreement: 0, predictedLabel: label,
    },
  };
}

function report(samples: AuditSample[]): AuditReport {
  samples.forEach((s, i) => (s.rank = i + 1));
  return { samples, summary: { hard: 2, withSimilarSamples: 1, memorized: 1, meanDifficulty: 0.4 }, dataset: { rows: samples.length } } as unknown as AuditReport;
}

test('line annotations: the hardest rows of this file only, at least moderately hard, 0-based lines, capped at N', () => {
  const r = report([sample('s1', 0.9, 5), sample('s2', 0.8, 9, 'other.csv'), sample('s3', 0.7, 2), sample('s4', 0.6, 12), sample('s7', 0.2, 3)]);
  const plan = planLineAnnotations(r, '/work', '/work/data/x.csv', 2);
  assert.deepEqual(plan.map((a) => [a.sample.id, a.line]), [['s1', 4], ['s3', 1]]);
  assert.equal(planLineAnnotations(r, '/work', '/work/data/x.csv', 10).length, 3, 'difficulty below 0.3 is not annotated');
  assert.match(endOfLineText(r.samples[0]), /^◆ hard to forget 0\.90 · reason of s1$/);
  assert.match(codeLensTitle(r, true), /2 of 5 hard to forget .* stale/);
});

test('rows of a deletion request show their verdict, whatever their difficulty, before the hardest rows', () => {
  const r = report([sample('s1', 0.9, 5), sample('s3', 0.7, 2), sample('s7', 0.1, 3)]);
  const forget = { samples: [{ id: 's7', verdict: 'ineffective-alone', evidence: '3 similar samples remain: c1, c2, c3' }] } as never;
  const plan = planLineAnnotations(r, '/work', '/work/data/x.csv', 1, forget);
  assert.deepEqual(plan.map((a) => [a.sample.id, a.text.slice(0, 40)]), [['s7', '⊘ deletion request: ineffective-alone · '], ['s1', '◆ hard to forget 0.90 · reason of s1']]);
});

test('result folders are keyed by content and settings: same inputs same folder, any change a new one', () => {
  const settings = { mode: 'fast' as const, seed: 0, similarity: 'auto' as const, backend: 'auto' as const };
  const a = resultDirFor('/ws', '/ws/data/My Data.csv', 'abc', settings);
  assert.equal(a, resultDirFor('/ws', '/ws/data/My Data.csv', 'abc', { ...settings }));
  assert.ok(a.startsWith(path.join('/ws', '.forgetlens', 'My_Data.csv-')));
  assert.notEqual(a, resultDirFor('/ws', '/ws/data/My Data.csv', 'abd', settings));
  assert.notEqual(a, resultDirFor('/ws', '/ws/data/My Data.csv', 'abc', { ...settings, seed: 1 }));
  assert.notEqual(a, resultDirFor('/ws', '/ws/data/My Data.csv', 'abc', { ...settings, backend: 'cpu' }));
});

test('panel rows and details carry what the table and breakdown need', () => {
  const r = report([sample('s1', 0.9, 5), sample('s2', 0.8, 9)]);
  const rows = toRows(r);
  assert.deepEqual(rows.map((x) => [x.id, x.rank, x.line, x.reason]), [['s1', 1, 5, 'reason of s1'], ['s2', 2, 9, 'reason of s2']]);
  const detail = toDetail(r.samples[1]);
  assert.deepEqual(detail.similar, [{ id: 's5', similarity: 0.99 }, { id: 's6', similarity: 0.98 }]);
  assert.equal('similarIds' in detail.factors, false);
  assert.equal(detail.labelConflicts, undefined, 'no label conflicts, none sent');
});

test('sample detail: each near-copy with another label, with that label looked up and the words for it', () => {
  const r = report([sample('s1', 0.9, 5, 'x.csv', 'cat'), sample('s2', 0.8, 9, 'x.csv', 'dog')]);
  Object.assign(r.samples[0].factors, { labelConflictIds: ['s2', 'gone'], labelConflictSimilarities: [0.995, 0.99] });
  const labels = new Map(r.samples.map((s) => [s.id, s.label]));
  const detail = toDetail(r.samples[0], 'model', (id) => labels.get(id));
  assert.deepEqual(detail.labelConflicts?.map((c) => [c.id, c.label]), [['s2', 'dog']], 'an id the audit does not know is dropped');
  assert.match(detail.labelConflicts![0].text, /^s2 \(cosine 0\.995\): a near-copy labelled dog: a label conflict, not a carrier/);
  assert.equal('labelConflictIds' in detail.factors, false);
});

test('table view: filter by class and text, sort by any factor with nulls last', () => {
  const rows = toRows(report(Array.from({ length: 230 }, (_, i) => sample(`r${i}`, (i % 10) / 10, i + 2, 'x.csv', i % 2 ? 'odd' : 'even'))));
  rows[5].memorization = null;
  const view = { sortKey: 'memorization' as const, descending: true, text: '', label: 'odd', verdict: '' as const };
  const shown = visibleRows(rows, view);
  assert.equal(shown.length, 115);
  assert.ok(shown.every((r) => r.label === 'odd'));
  assert.equal(shown[shown.length - 1].id, 'r5', 'null memorization sorts last');
  assert.ok(shown[0].memorization! >= shown[1].memorization!);
  const matched = visibleRows(rows, { ...view, label: '', text: 'REASON OF R12' }).map((r) => r.id).sort();
  assert.deepEqual(matched, ['r12', 'r120', 'r121', 'r122', 'r123', 'r124', 'r125', 'r126', 'r127', 'r128', 'r129']);
});

test('annotation wording matches the score: "moderately hard" from 0.3, never a typical/easy reason on an annotated row', () => {
  const typical = 'no strong factor: a typical sample that unlearning should remove easily';
  const moderate = { ...sample('m', 0.36, 4), reasons: [typical], contributions: { memorization: 0.15, similarSamples: 0, entanglement: 0.12, labelDisagreement: 0.09, learningDifficulty: 0.005 } };
  assert.equal(endOfLineText(moderate), '◆ moderately hard to forget 0.36 · several small factors add up: memorization 0.15, entanglement 0.12, l…');
  assert.deepEqual(reasonsInWords(moderate), ['several small factors add up: memorization 0.15, entanglement 0.12, label disagreement 0.09']);
  assert.equal(toRows(report([moderate]))[0].reason, reasonsInWords(moderate)[0], 'the panel says the same as the editor');
  const easy = { ...sample('e', 0.1, 5), reasons: [typical] };
  assert.deepEqual(reasonsInWords(easy), [typical], 'an easy sample keeps the audit reason');
  assert.equal(difficultyLevel(0.5), 'hard to forget');
  assert.equal(difficultyLevel(0.49), 'moderately hard to forget');
  assert.equal(difficultyLevel(0.29), 'easy to forget');
  const mixed = { ...sample('x', 0.45, 6), reasons: ['memorized (0.40): …', typical] };
  assert.deepEqual(reasonsInWords(mixed), ['memorized (0.40): …']);
});
