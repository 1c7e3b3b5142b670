/** One-sided 95 % quantiles of Student's t by degrees of freedom (1..10; beyond, the normal's 1.645 is close). */
const T95 = [NaN, 6.314, 2.92, 2.353, 2.132, 2.015, 1.943, 1.895, 1.86, 1.833, 1.812];

/**
 * Where a label probability sits across retrain seeds: the mean and the half-width of its
 * one-sided 95 % bound (t · sd / √n). With one seed there is no spread to measure: half-width 0.
 */
export function seedSpread(values: number[]): { mean: number; halfWidth: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, halfWidth: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  const t = T95[n - 1] ?? 1.645;
  return { mean, halfWidth: (t * Math.sqrt(variance)) / Math.sqrt(n) };
}

/**
 * p ≥ 0.5 guarantees the label is the model's prediction. "Keeps" and "loses" the label need the
 * whole seed bound on one side of it, so that seed-to-seed noise cannot flip either answer.
 */
export function keepsLabel(perSeed: number[]): boolean {
  const { mean, halfWidth } = seedSpread(perSeed);
  return mean - halfWidth >= 0.5;
}

export function losesLabel(perSeed: number[]): boolean {
  const { mean, halfWidth } = seedSpread(perSeed);
  return mean + halfWidth < 0.5;
}
