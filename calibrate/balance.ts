/**
 * Weights that give every dataset the same say, and within it the rows with target 1 and with
 * target 0 half each, so the fitted slopes rank within datasets and the fitted level no longer
 * follows which datasets, with which base rates, happen to be in the training set (leaving out a
 * dataset with many events otherwise lowers the level predicted for exactly that dataset).
 */
export function balancedWeights(groups: string[], targets: number[]): number[] {
  if (groups.length !== targets.length) throw new Error(`balancedWeights: ${groups.length} groups but ${targets.length} targets`);
  const counts = new Map<string, { n: number; events: number }>();
  groups.forEach((g, i) => {
    const c = counts.get(g) ?? { n: 0, events: 0 };
    c.n++;
    c.events += targets[i];
    counts.set(g, c);
  });
  return groups.map((g, i) => {
    const { n, events } = counts.get(g)!;
    // A dataset with one outcome only cannot be balanced: its rows share its weight equally.
    if (events <= 0 || events >= n) return 1 / n;
    return targets[i] * (0.5 / events) + (1 - targets[i]) * (0.5 / (n - events));
  });
}

/** The balanced fit's intercept is that of odds 1:1; this moves it to odds prior:(1 − prior). */
export function priorLogit(prior: number): number {
  if (!(prior > 0 && prior < 1)) throw new Error(`priorLogit: prior ${prior} is not in (0, 1)`);
  return Math.log(prior / (1 - prior));
}
