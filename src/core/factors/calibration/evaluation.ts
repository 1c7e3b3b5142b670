import { createRandom } from '../../util/random';
import { rocAuc, spearman } from '../../util/stats';

/** One scored sample of one simulated request: predictions are compared within groups of requests. */
export interface Scored {
  request: string;
  score: number;
  /** 0/1 for a probability target, a share for a fractional one (the Brier score uses it, and Spearman unless `measured` is given). */
  target: number;
  /** The event AUROC is computed for. */
  positive: boolean;
  /** A measured quantity the Spearman is taken with instead of `target` (persistence: the measured share). */
  measured?: number;
}

export interface Metric {
  value: number | null;
  low: number | null;
  high: number | null;
}

export interface MetricSet {
  auroc: Metric;
  brier: Metric;
  spearman: Metric;
}

/** AUROC (of `positive`), Brier score and Spearman, each with a bootstrap CI that resamples whole requests. */
export function evaluateScores(rows: Scored[], bootstrap: number, seed: number): MetricSet {
  const point = metrics(rows);
  const byRequest = new Map<string, Scored[]>();
  for (const r of rows) byRequest.set(r.request, [...(byRequest.get(r.request) ?? []), r]);
  const groups = [...byRequest.values()];
  const random = createRandom(seed);
  const draws: Array<Record<keyof MetricSet, number | null>> = [];
  for (let b = 0; b < bootstrap; b++) {
    const sample: Scored[] = [];
    for (let g = 0; g < groups.length; g++) sample.push(...groups[Math.floor(random() * groups.length)]);
    draws.push(metrics(sample));
  }
  const ci = (key: keyof MetricSet): Metric => {
    const values = draws.map((d) => d[key]).filter((v): v is number => v !== null).sort((a, b) => a - b);
    if (point[key] === null || values.length < 10) return { value: point[key], low: null, high: null };
    return { value: point[key], low: values[Math.floor(0.025 * values.length)], high: values[Math.ceil(0.975 * values.length) - 1] };
  };
  return { auroc: ci('auroc'), brier: ci('brier'), spearman: ci('spearman') };
}

function metrics(rows: Scored[]): Record<keyof MetricSet, number | null> {
  const scores = rows.map((r) => r.score);
  const positive = rows.map((r) => r.positive);
  const both = positive.some((p) => p) && positive.some((p) => !p);
  const rho = rows.length > 2 ? spearman(scores, rows.map((r) => r.measured ?? r.target)) : NaN;
  return {
    auroc: both ? rocAuc(scores, positive) : null,
    brier: rows.length ? rows.reduce((s, r) => s + (r.score - r.target) ** 2, 0) / rows.length : null,
    spearman: Number.isFinite(rho) ? rho : null,
  };
}

/**
 * AUROC of score `a` minus AUROC of score `b` on the same rows, with a bootstrap CI that resamples
 * whole requests and scores both on each draw (paired: the shared noise of a draw cancels).
 */
export function pairedAurocDifference(rows: Array<{ request: string; a: number; b: number; positive: boolean }>, bootstrap: number, seed: number): Metric {
  const difference = (sample: typeof rows): number | null => {
    const positive = sample.map((r) => r.positive);
    if (!positive.some((p) => p) || !positive.some((p) => !p)) return null;
    return rocAuc(sample.map((r) => r.a), positive) - rocAuc(sample.map((r) => r.b), positive);
  };
  const byRequest = new Map<string, typeof rows>();
  for (const r of rows) byRequest.set(r.request, [...(byRequest.get(r.request) ?? []), r]);
  const groups = [...byRequest.values()];
  const random = createRandom(seed);
  const draws: number[] = [];
  for (let b = 0; b < bootstrap; b++) {
    const sample: typeof rows = [];
    for (let g = 0; g < groups.length; g++) sample.push(...groups[Math.floor(random() * groups.length)]);
    const d = difference(sample);
    if (d !== null) draws.push(d);
  }
  draws.sort((x, y) => x - y);
  const value = difference(rows);
  if (value === null || draws.length < 10) return { value, low: null, high: null };
  return { value, low: draws[Math.floor(0.025 * draws.length)], high: draws[Math.ceil(0.975 * draws.length) - 1] };
}
