import { Interval } from './stats/interval';

/**
 * The rules that turn measurements into verdicts. Each test of a claim names one statistic,
 * measured once per seed, and the side of a threshold the claim puts it on. The thresholds are the
 * claims' directions (SCIENCE.md: "directions, not the papers' numbers"), fixed here before the run.
 */
export type Verdict = 'held' | 'not held' | 'inconclusive' | 'not testable';

export const VERDICTS: Verdict[] = ['held', 'not held', 'inconclusive', 'not testable'];

export interface Rule {
  side: 'above' | 'below';
  threshold: number;
}

/** Minimum seeds with a value for an interval; fewer: not testable. */
export const MIN_REPEATS = 2;

/**
 * Held: the whole 95 % interval lies on the claim's side of the threshold. Not held: the whole
 * interval lies on the other side (or on the threshold). Inconclusive: it straddles the threshold.
 */
export function intervalVerdict(interval: Interval, rule: Rule): Verdict {
  if (interval.n < MIN_REPEATS || !Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return 'not testable';
  const claimSide = rule.side === 'above' ? interval.low > rule.threshold : interval.high < rule.threshold;
  const otherSide = rule.side === 'above' ? interval.high <= rule.threshold : interval.low >= rule.threshold;
  if (claimSide) return 'held';
  return otherSide ? 'not held' : 'inconclusive';
}

/** A claim on one dataset: held if all its tests hold, not held if any is not held, otherwise inconclusive. */
export function allTestsVerdict(verdicts: Verdict[]): Verdict {
  const testable = verdicts.filter((v) => v !== 'not testable');
  if (testable.length === 0) return 'not testable';
  if (testable.includes('not held')) return 'not held';
  return testable.every((v) => v === 'held') && testable.length === verdicts.length ? 'held' : 'inconclusive';
}

/** A claim over datasets (ignoring not-testable ones): held on every one, not held on every one, otherwise inconclusive. */
export function overDatasetsVerdict(verdicts: Verdict[]): Verdict {
  const testable = verdicts.filter((v) => v !== 'not testable');
  if (testable.length === 0) return 'not testable';
  if (testable.every((v) => v === 'held')) return 'held';
  if (testable.every((v) => v === 'not held')) return 'not held';
  return 'inconclusive';
}

export function ruleText(rule: Rule): string {
  return `${rule.side === 'above' ? '>' : '<'} ${rule.threshold}`;
}

export const VERDICT_RULES_TEXT =
  'Each test: the statistic is measured once per seed; its mean gets a two-sided 95 % Student-t interval over the seeds (t with n−1 degrees of freedom). ' +
  'Held: the whole interval is on the claim\'s side of the threshold; not held: the whole interval is on the other side; inconclusive: it straddles the threshold; not testable: fewer than 2 seeds gave a value. ' +
  'A claim on one dataset holds if all its tests hold and fails if any fails; over datasets it holds (fails) if it holds (fails) on every dataset, and is otherwise inconclusive.';
