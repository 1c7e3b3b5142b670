import { Metric, MetricSet, Scored, evaluateScores, pairedAurocDifference } from '../src/core/factors/calibration/evaluation';
import { rocAuc } from '../src/core/util/stats';
import { CANDIDATE_SETS, candidateNames } from './candidates';
import { MonotoneLogisticModel } from '../src/core/factors/calibration/monotoneLogistic';
import { fitDirected, predictDirected } from './model';
import { FitRow, leftBehind } from './rows';

export type Target = 'residualRisk' | 'persistence';
export const TARGETS: Target[] = ['residualRisk', 'persistence'];
export const SCORERS = ['calibrated', 'memorization', 'lowConfidence', 'oldDifficulty'] as const;
export type Scorer = (typeof SCORERS)[number] | 'noiseCeiling';
/** The baselines the rule in decide.ts compares against. */
export const RULE_BASELINES = ['memorization', 'oldDifficulty'] as const;
/**
 * Per target: null, fitted as it is; a number, fitted with every dataset and outcome weighing the
 * same (calibrate/balance.ts), then moved to this base rate. persistence only: its base rate ranges
 * from 1 % to 15 % across datasets, residualRisk's from 20 % to 33 %. 0.06 is fixed in code before
 * the third full run: the share of requested samples "cannot be removed by deletion alone" in
 * each of the two earlier runs (144 and 141 of 2 400). One constant for every held-out dataset
 * moves every score alike, so it cannot change the pooled AUROC, only the Brier score
 * (docs/science.md, "Changes for the third full run").
 */
export const BALANCED_PRIOR: Record<Target, number | null> = { residualRisk: null, persistence: 0.06 };

/** Fit one target's model on these rows, balanced by dataset where that target is. */
export function fitTarget(features: readonly string[], train: FitRow[], target: Target, targets = train.map((r) => targetOf(r, target)), balance = BALANCED_PRIOR): MonotoneLogisticModel {
  const prior = balance[target];
  return fitDirected(features, train.map((r) => r.features), targets, prior === null ? undefined : { by: train.map((r) => r.dataset), prior });
}

/**
 * The nested selection fits the same training set many times (the inner fold without A and B of
 * outer fold A is the inner fold without B and A of outer fold B): fits are deterministic, so each
 * is made once. Keyed by the rows themselves, so another row set never shares an entry.
 */
const fitted = new WeakMap<FitRow[], Map<string, MonotoneLogisticModel>>();
function fitOnDatasets(all: FitRow[], keep: (dataset: string) => boolean, target: Target, features: readonly string[], balance: Record<Target, number | null>): MonotoneLogisticModel {
  const datasets = [...new Set(all.map((r) => r.dataset))].filter(keep).sort();
  const key = JSON.stringify([target, balance[target], features, datasets]);
  const cache = fitted.get(all) ?? new Map<string, MonotoneLogisticModel>();
  fitted.set(all, cache);
  let model = cache.get(key);
  if (!model) {
    model = fitTarget(features, all.filter((r) => keep(r.dataset)), target, undefined, balance);
    cache.set(key, model);
  }
  return model;
}

export interface CrossValidation {
  /** Pooled over held-out datasets: each dataset's rows scored by a model fitted on the others. */
  pooled: Record<Target, Partial<Record<Scorer, MetricSet>>>;
  /** AUROC per held-out dataset (calibrated vs memorization alone). */
  perDataset: Array<{ dataset: string; target: Target; rows: number; positives: number; calibrated: number | null; memorization: number | null; oldDifficulty: number | null; chosen: string }>;
  /** The better rule baseline by point AUROC, and calibrated − it, paired over the same resampled requests. */
  difference: Record<Target, { baseline: Scorer; auroc: Metric } | null>;
}

type Held = { row: FitRow; score: number };

/**
 * Leave one dataset out, nested: for each held-out dataset the feature set is chosen by an inner
 * leave-one-dataset-out run on the other datasets only, then fitted on them. Never split by
 * sample, since the samples of one request share its models.
 */
export function crossValidate(rows: FitRow[], bootstrap: number, log: (line: string) => void = () => undefined, balance = BALANCED_PRIOR): CrossValidation {
  const datasets = [...new Set(rows.map((r) => r.dataset))].sort();
  const held: Record<Target, Held[]> = { residualRisk: [], persistence: [] };
  const chosen = new Map<string, string>();
  const own = Object.fromEntries(TARGETS.map((t) => [t, rows.filter((r) => hasTarget(r, t))])) as Record<Target, FitRow[]>;
  for (const dataset of datasets) {
    for (const target of TARGETS) {
      const train = own[target].filter((r) => r.dataset !== dataset);
      const test = own[target].filter((r) => r.dataset === dataset);
      if (train.length < 10 || test.length === 0 || new Set(train.map((r) => targetOf(r, target))).size < 2) continue;
      const set = chooseFeatureSet(own[target], target, balance, (d) => d !== dataset);
      chosen.set(`${dataset}/${target}`, set);
      log(`held out ${dataset}, ${target}: inner CV chose "${set}"`);
      const model = fitOnDatasets(own[target], (d) => d !== dataset, target, CANDIDATE_SETS[set], balance);
      held[target].push(...test.map((row) => ({ row, score: predictDirected(model, row.features) })));
    }
  }
  const pooled = {} as CrossValidation['pooled'];
  const difference = {} as CrossValidation['difference'];
  const perDataset: CrossValidation['perDataset'] = [];
  for (const target of TARGETS) {
    const scored = held[target];
    const as = (pick: (x: Held) => number): Scored[] => scored.map((x) => ({ request: requestKey(x.row), score: pick(x), target: targetOf(x.row, target), positive: positiveOf(x.row, target), ...measuredOf(x.row, target) }));
    const baselineScore: Record<(typeof SCORERS)[number], (x: Held) => number> = {
      calibrated: (x) => x.score,
      memorization: (x) => x.row.memorization,
      lowConfidence: (x) => x.row.lowConfidence,
      oldDifficulty: (x) => x.row.oldDifficulty,
    };
    pooled[target] = Object.fromEntries(SCORERS.map((s) => [s, evaluateScores(as(baselineScore[s]), bootstrap, 1)]));
    const ceiling = noiseCeiling(rows, target);
    if (ceiling.length) pooled[target].noiseCeiling = evaluateScores(ceiling, bootstrap, 1);
    const best = RULE_BASELINES.reduce((a, b) => ((pooled[target][b]?.auroc.value ?? -1) > (pooled[target][a]?.auroc.value ?? -1) ? b : a));
    difference[target] = scored.length
      ? { baseline: best, auroc: pairedAurocDifference(scored.map((x) => ({ request: requestKey(x.row), a: x.score, b: baselineScore[best](x), positive: positiveOf(x.row, target) })), bootstrap, 2) }
      : null;
    for (const dataset of datasets) {
      const own = scored.filter((x) => x.row.dataset === dataset);
      if (!own.length) continue;
      const auc = (pick: (x: Held) => number) => aurocOf(own.map((x) => ({ score: pick(x), positive: positiveOf(x.row, target) })));
      perDataset.push({ dataset, target, rows: own.length, positives: own.filter((x) => positiveOf(x.row, target)).length, calibrated: auc((x) => x.score), memorization: auc((x) => x.row.memorization), oldDifficulty: auc((x) => x.row.oldDifficulty), chosen: chosen.get(`${dataset}/${target}`) ?? '' });
    }
  }
  return { pooled, perDataset, difference };
}

/** The candidate with the best pooled leave-one-dataset-out AUROC on these rows (the first one on a tie). */
/** The candidate with the best pooled leave-one-dataset-out AUROC on the rows of the datasets `among` keeps (the first one on a tie). */
export function chooseFeatureSet(all: FitRow[], target: Target, balance = BALANCED_PRIOR, among: (dataset: string) => boolean = () => true): string {
  const names = candidateNames(target);
  let best = { name: names[0], auroc: -Infinity };
  for (const name of names) {
    const auroc = leaveOneDatasetOutAuroc(all, among, target, CANDIDATE_SETS[name], balance);
    if (auroc !== null && auroc > best.auroc) best = { name, auroc };
  }
  return best.name;
}

function leaveOneDatasetOutAuroc(all: FitRow[], among: (dataset: string) => boolean, target: Target, features: string[], balance: Record<Target, number | null>): number | null {
  const rows = all.filter((r) => among(r.dataset));
  const scored: Array<{ score: number; positive: boolean }> = [];
  for (const dataset of new Set(rows.map((r) => r.dataset))) {
    const train = rows.filter((r) => r.dataset !== dataset);
    if (train.length < 10 || new Set(train.map((r) => targetOf(r, target))).size < 2) continue;
    const model = fitOnDatasets(all, (d) => among(d) && d !== dataset, target, features, balance);
    for (const r of rows) if (r.dataset === dataset) scored.push({ score: predictDirected(model, r.features), positive: positiveOf(r, target) });
  }
  return aurocOf(scored);
}

function aurocOf(scored: Array<{ score: number; positive: boolean }>): number | null {
  const positive = scored.map((s) => s.positive);
  return positive.some((p) => p) && positive.some((p) => !p) ? rocAuc(scored.map((s) => s.score), positive) : null;
}

/** The bootstrap unit: one request under one seed's models. */
function requestKey(r: FitRow): string {
  return `${r.request}/${r.seed}`;
}

export function hasTarget(r: FitRow, target: Target): boolean {
  return target === 'persistence' || r.residual !== null;
}

/** What the model is fitted to, and Brier-scored against: for both, the 0/1 event its AUROC is judged on. */
export function targetOf(r: FitRow, target: Target): number {
  return positiveOf(r, target) ? 1 : 0;
}

/** Persistence's Spearman is with the measured share (docs/science.md), not the 0/1 verdict it is fitted to. */
function measuredOf(r: FitRow, target: Target): { measured?: number } {
  return target === 'persistence' ? { measured: r.persistence } : {};
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
    out.push({ request: a.request, score, target: targetOf(a, target), positive: positiveOf(a, target), ...measuredOf(a, target) });
  }
  return out;
}
