import type { SampleRow } from '../src/protocol/webview';

/** Same thresholds as the audit report's summary (HARD_THRESHOLD, MEMORIZED_THRESHOLD). */
export const HARD_FROM = 0.5;
export const MEMORIZED_FROM = 0.5;

export interface ClassSummary {
  label: string;
  samples: number;
  hard: number;
  memorized: number;
  withSimilar: number;
  meanDifficulty: number;
  requested: number;
}

/** One line per class, in the order of `classes` (classes with no rows are left out). */
export function summarizeClasses(rows: SampleRow[], classes: string[]): ClassSummary[] {
  const byLabel = new Map<string, ClassSummary>();
  for (const r of rows) {
    let s = byLabel.get(r.label);
    if (!s) byLabel.set(r.label, (s = { label: r.label, samples: 0, hard: 0, memorized: 0, withSimilar: 0, meanDifficulty: 0, requested: 0 }));
    s.samples++;
    if (r.difficulty >= HARD_FROM) s.hard++;
    if ((r.memorization ?? 0) >= MEMORIZED_FROM) s.memorized++;
    if (r.similarCount > 0) s.withSimilar++;
    if (r.verdict) s.requested++;
    s.meanDifficulty += r.difficulty;
  }
  for (const s of byLabel.values()) s.meanDifficulty /= s.samples;
  const order = new Map(classes.map((c, i) => [c, i]));
  return [...byLabel.values()].sort((a, b) => (order.get(a.label) ?? Infinity) - (order.get(b.label) ?? Infinity) || a.label.localeCompare(b.label));
}
