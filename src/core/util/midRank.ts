/**
 * Mid-rank percentile of `v` among `sorted` (ascending), in [0, 1]: the share of values below it
 * plus half of those tied with it, so a constant column sits at 0.5. An empty list gives 0.5.
 */
export function midRankPercentile(sorted: ArrayLike<number>, v: number): number {
  if (sorted.length === 0) return 0.5;
  const below = firstIndexAbove(sorted, v, false);
  const upTo = firstIndexAbove(sorted, v, true);
  return (below + upTo) / 2 / sorted.length;
}

/** The first index whose value is not below v (inclusive: above v), by binary search. */
function firstIndexAbove(sorted: ArrayLike<number>, v: number, inclusive: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v || (inclusive && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
