/** A mean over independent repeats (seeds) with its two-sided 95 % Student-t confidence interval. */
export interface Interval {
  mean: number;
  low: number;
  high: number;
  /** Repeats with a finite value (the others are dropped, and the values list shows them as n/a). */
  n: number;
}

/** t quantile 0.975 for 1–30 degrees of freedom; beyond 30 the normal 1.96 is within 2 % of it. */
const T_975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069,
  2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(degreesOfFreedom: number): number {
  if (degreesOfFreedom < 1) return NaN;
  return degreesOfFreedom <= T_975.length ? T_975[degreesOfFreedom - 1] : 1.96;
}

/** Mean ± t·s/√n over the finite values; fewer than two values give no interval (low = high = NaN). */
export function tInterval(values: number[]): Interval {
  const finite = values.filter(Number.isFinite);
  const n = finite.length;
  const mean = n ? finite.reduce((a, b) => a + b, 0) / n : NaN;
  if (n < 2) return { mean, low: NaN, high: NaN, n };
  const variance = finite.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1);
  const half = tQuantile975(n - 1) * Math.sqrt(variance / n);
  return { mean, low: mean - half, high: mean + half, n };
}
