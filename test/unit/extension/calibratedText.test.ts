import { test } from 'node:test';
import assert from 'node:assert/strict';
import { codeLensTitle, endOfLineText } from '../../../src/extension/logic/annotationPlan';
import { breakdownLines, toDetail, toRows } from '../../../src/extension/logic/reportViews';
import type { AuditReport, AuditSample } from '../../../src/core/report/auditSchema';
import { visibleRows } from '../../../webview/tableState';
import { breakdownSubtitle } from '../../../webview/breakdownSubtitle';
import { calibratedCountWords } from '../../../src/protocol/calibratedCounts';
import { formatSummary } from '../../../src/cli/summaryTable';

function sample(id: string, residualRisk: number | null, persistence: number | null, extra: Partial<AuditSample['factors']> = {}): AuditSample {
  const calibrated = residualRisk !== null && persistence !== null;
  return {
    id,
    source: { file: 'x.csv', line: 2 },
    label: 'a',
    split: 'train',
    rank: 1,
    difficulty: calibrated ? Math.max(residualRisk, persistence) : 0.4,
    ...(calibrated ? { compositeDifficulty: 0.2, drivenBy: persistence >= residualRisk ? ('persistence' as const) : ('residualRisk' as const) } : {}),
    reasons: ['lead reason'],
    contributions: { memorization: 0.1 },
    preview: '',
    factors: {
      memorization: 0.1, memorizationSoft: null, memorizationCrossFit: null, confidence: 0.9, maxConfidence: null, negEntropy: null, fractionCorrect: null,
      entanglement: 0.1, entanglementKnnShare: 0, entanglementCentroidRatio: null, similarCount: 0, similarCountCapped: false, exactDuplicates: 0,
      nearestSimilarity: null, similarIds: [], similarities: [], margin: 1, loss: 0.1, gradNorm: 0.1,
      cumulativeGradNormSq: null, firstLearnedEpoch: null, forgettingEvents: null, variability: null, labelDisagreement: 0, predictedLabel: 'a',
      ...(calibrated ? { residualRisk, persistence } : {}),
      ...extra,
    },
  };
}

test('end-of-line text names the driver in words and shows both predictions', () => {
  const kept = endOfLineText(sample('p', 0.1, 0.7, { similarCount: 4 }));
  assert.equal(kept, '◆ hard to forget 0.70 · deleting it alone leaves its influence: 4 similar samples keep it · risk 0.10, persistence 0.70');
  const memorized = endOfLineText(sample('r', 0.6, 0.2, { memorization: 0.8 }));
  assert.equal(memorized, '◆ hard to forget 0.60 · needs real unlearning: memorized; methods may leave > 0.1 behind · risk 0.60, persistence 0.20');
  // An older report without predictions keeps its old wording.
  assert.equal(endOfLineText(sample('old', null, null)), '◆ moderately hard to forget 0.40 · lead reason');
});

test('predictions the held-out rule did not let drive difficulty are shown, and the composite leads', () => {
  const shown: AuditSample = { ...sample('c', 0.1, 0.7, { similarCount: 4 }), difficulty: 0.4, drivenBy: 'composite' };
  assert.equal(endOfLineText(shown), '◆ moderately hard to forget 0.40 · lead reason · risk 0.10, persistence 0.70');
  assert.equal(breakdownLines(shown)[1], 'unlearning risk 0.10 · persistence 0.70 → not used for the ranking: difficulty is the factor composite');
  // The panel's breakdown chart must not claim the predictions set this sample's difficulty.
  const detail = toDetail(shown);
  assert.equal(detail.predictions?.setsDifficulty, false);
  assert.match(breakdownSubtitle(detail.predictions), /not used for the ranking/);
  assert.match(breakdownSubtitle(toDetail(sample('m', 0.2, 0.6)).predictions), /^difficulty = the larger calibrated prediction/);
});

test('hover, detail and table rows carry both predictions; the table sorts by either', () => {
  const a = sample('a', 0.2, 0.6);
  const b = sample('b', 0.5, 0.1);
  const lines = breakdownLines(a);
  assert.equal(lines[1], 'unlearning risk 0.20 · persistence 0.60 → deletion alone leaves its influence');
  assert.equal(breakdownLines(b)[1], 'unlearning risk 0.50 · persistence 0.10 → needs real unlearning');
  assert.deepEqual(toDetail(a).predictions, { residualRisk: 0.2, persistence: 0.6, setsDifficulty: true });
  assert.equal(toDetail(sample('old', null, null)).predictions, undefined);
  const rows = toRows({ samples: [a, b] } as unknown as AuditReport);
  assert.deepEqual(rows.map((r) => [r.residualRisk, r.persistence]), [[0.2, 0.6], [0.5, 0.1]]);
  const view = { sortKey: 'persistence' as const, descending: true, text: '', label: '', verdict: '' as const };
  assert.deepEqual(visibleRows(rows, view).map((r) => r.id), ['a', 'b']);
  assert.deepEqual(visibleRows(rows, { ...view, sortKey: 'residualRisk' }).map((r) => r.id), ['b', 'a']);
});

test('the CodeLens and the CLI summary name what each calibrated count measures, in the same words', () => {
  const report = {
    samples: [],
    dataset: { rows: 10, path: 'x.csv', features: 2, classes: ['a', 'b'], format: 'csv' },
    model: { architecture: 'mlp', backend: 'js', trainAccuracy: 1, testAccuracy: null },
    settings: { mode: 'fast' },
    summary: { hard: 3, withSimilarSamples: 1, memorized: 2, meanDifficulty: 0.3, cannotRemoveByDeletion: 2, needsStrongUnlearning: 1 },
  } as unknown as AuditReport;
  const risk = '1 likely to keep a residual > 0.1 after the recommended unlearning (unlearning risk ≥ 0.5)';
  const persistence = '2 likely to survive deletion alone through similar samples (persistence ≥ 0.5)';
  assert.deepEqual(calibratedCountWords(report.summary), [risk, persistence]);
  const lens = codeLensTitle(report, false);
  assert.ok(lens.includes(`3 of 10 hard to forget (difficulty ≥ 0.5) · ${risk} · ${persistence} ·`), lens);
  const cli = formatSummary(report, 0);
  assert.ok(cli.includes(`3 hard to forget (difficulty ≥ 0.5), ${risk}, ${persistence}, 1 with near-duplicates`), cli);
  // The old words read as a contradiction next to "3 hard" (more "need strong unlearning" than hard samples).
  assert.doesNotMatch(lens + cli, /need strong unlearning|cannot be removed by deletion alone/);
});

test('an older report without the calibrated counts shows none', () => {
  assert.deepEqual(calibratedCountWords({}), []);
  const report = { samples: [], dataset: { rows: 10 }, summary: { hard: 3, withSimilarSamples: 1, memorized: 2, meanDifficulty: 0.3 } } as unknown as AuditReport;
  assert.doesNotMatch(codeLensTitle(report, false), /unlearning risk|persistence/);
});
