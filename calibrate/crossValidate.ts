import { MetricSet, Scored, evaluateScores } from '../src/core/factors/calibration/evaluation';
import { predictMonotoneLogistic } from '../src/core/factors/calibration/monotoneLogistic';
import { fitDirected } from './model';
import { FitRow, leftBehind } from './rows';

export type Target = 'residualRisk' | 'persistence';
export const SCORERS = ['calibrated', 'memorization', 'lowConfidence', 'oldDifficulty'] as const;
export type Scorer = (typeof SCORERS)[number] | 'noiseCeiling';

export interface CrossValidation {
  /** Pooled over held-out datasets: each dataset's rows scored by a model fitted on the others. */
  pooled: Record<Target, Partial<Record<Scorer, MetricSet>>>;
  /** AUROC per held-out dataset (calibrated vs memorization alone). */
  perDataset: Array<{ dataset: string; target: Target; rows: number; positives: number; calibrated: number | null; memorization: number | null }>;
}

/** Leave one dataset out: never split by sample, since the samples of one request share its models. */
export function crossValidate(rows: FitRow[], bootstrap: number): CrossValidation {
  const datasets = [...new Set(rows.map((r) => r.dataset))].sort();
  const held: Record<Target, Array<{ row: FitRow; score: number }>> = { residualRisk: [], persistence: [] };
  for (const dataset of datasets) {
    const train = rows.filter((r) => r.dataset !== dataset);
    const test = rows.filter((r) => r.dataset === dataset);
    for (const target of ['residualRisk', 'persistence'] as Target[]) {
      const trainRows = train.filter((r) => hasTarget(r, target));
      const testRows = test.filter((r) => hasTarget(r, target));
      if (trainRows.length < 10 || testRows.length === 0 || new Set(trainRows.map((r) => targetOf(r, target))).size < 2) continue;
      const model = fitDirected(trainRows.map((r) => r.x), trainRows.map((r) => targetOf(r, target)));
      held[target].push(...testRows.map((row) => ({ row, score: predictMonotoneLogistic(model, row.x) })));
    }
  }
  const pooled = {} as CrossValidation['pooled'];
  const perDataset: CrossValidation['perDataset'] = [];
  for (const target of ['residualRisk', 'persistence'] as Target[]) {
    const scored = held[target];
    const as = (pick: (x: { row: FitRow; score: number }) => number): Scored[] =>
      scored.map((x) => ({ request: `${x.row.request}/${x.row.seed}`, score: pick(x), target: targetOf(x.row, target), positive: positiveOf(x.row, target) }));
    pooled[target] = {
      calibrated: evaluateScores(as((x) => x.score), bootstrap, 1),
      memorization: evaluateScores(as((x) => x.row.memorization), bootstrap, 1),
      lowConfidence: evaluateScores(as((x) => x.row.lowConfidence), bootstrap, 1),
      oldDifficulty: evaluateScores(as((x) => x.row.oldDifficulty), bootstrap, 1),
    };
    const ceiling = noiseCeiling(rows, target);
    if (ceiling.length) pooled[target].noiseCeiling = evaluateScores(ceiling, bootstrap, 1);
    for (const dataset of datasets) {
      const own = scored.filter((x) => x.row.dataset === dataset);
      if (!own.length) continue;
      const auc = (pick: (x: { row: FitRow; score: number }) => number) =>
        evaluateScores(own.map((x) => ({ request: x.row.request, score: pick(x), target: targetOf(x.row, target), positive: positiveOf(x.row, target) })), 0, 1).auroc.value;
      perDataset.push({ dataset, target, rows: own.length, positives: own.filter((x) => positiveOf(x.row, target)).length, calibrated: auc((x) => x.score), memorization: auc((x) => x.row.memorization) });
    }
  }
  return { pooled, perDataset };
}

function hasTarget(r: FitRow, target: Target): boolean {
  return target === 'persistence' || r.residual !== null;
}

export function targetOf(r: FitRow, target: Target): number {
  return target === 'persistence' ? r.persistence : leftBehind(r.residual!) ? 1 : 0;
}

/** Residual risk: left behind; persistence: the forget audit's "cannot be removed by deletion alone" verdict. */
export function positiveOf(r: FitRow, target: Target): boolean {
  return target === 'persistence' ? r.ineffectiveAlone : leftBehind(r.residual!);
}

/**
 * How well the measurement repeats: the same request under another seed's models, its measured
 * value used as the score for the first seed's target. No predictor built on pre-request factors can be expected to beat it.
 */
function noiseCeiling(rows: FitRow[], target: Target): Scored[] {
  const key = (r: FitRow) => `${r.request}/${r.id}`;
  const bySeed = new Map<string, FitRow[]>();
  for (const r of rows) if (hasTarget(r, target)) bySeed.set(key(r), [...(bySeed.get(key(r)) ?? []), r]);
  const out: Scored[] = [];
  for (const pair of bySeed.values()) {
    if (pair.length < 2) continue;
    const [a, b] = pair.sort((x, y) => x.seed - y.seed);
    const score = target === 'persistence' ? b.persistence : Math.min(1, b.residual! / 0.2);
    out.push({ request: a.request, score, target: targetOf(a, target), positive: positiveOf(a, target) });
  }
  return out;
}
