/**
 * How far below the typical nearest-neighbour distance (in robust standard deviations of its log)
 * a pair must be to be a near-duplicate. Chosen on the planted Fashion-MNIST image benchmark
 * (docs/VALIDATION.md compares 1.5 to 3.5): at 2 about 3 % of untouched images get a flagged
 * neighbour (Fashion-MNIST holds real near-copies), at 3.5, the textbook outlier cut, half the
 * mildly noisy copies are missed. Checked unchanged on digits and SpamAssassin.
 */
export const NEAR_DUPLICATE_Z = 2;
/** Never call a pair a near-duplicate below this similarity, however spread the dataset is. */
const SIMILARITY_FLOOR = 0.9;
/** Distances below this are treated as this (exact copies would give log 0). */
const MIN_DISTANCE = 1e-6;
/** Spread used when almost every sample has an equally close neighbour. */
const MIN_LOG_SPREAD = 0.1;

export interface ThresholdChoice {
  /** Similarity at or above which a pair counts as a near-duplicate. */
  threshold: number;
  rule: 'dataset-adaptive' | 'fixed';
  /** Median of the samples' nearest-neighbour similarities. */
  nearestMedian: number | null;
  /** Robust spread (1.4826 x the MAD on the far side of the median) of log(1 − nearest similarity). */
  logDistanceSpread: number | null;
  z: number | null;
  why: string;
}

/**
 * A pair is a near-duplicate when its distance (1 − similarity) is an outlier on the small side of
 * this dataset's own nearest-neighbour distances: log distance at least NEAR_DUPLICATE_Z robust
 * standard deviations below the median. Log, because distances are positive and skewed, and a copy
 * is a copy by ratio (ten times closer than usual), not by a fixed gap.
 */
export function adaptiveThreshold(nearest: ArrayLike<number>, z = NEAR_DUPLICATE_Z): ThresholdChoice {
  const logs = Array.from(nearest)
    .filter(Number.isFinite)
    .map((s) => Math.log(Math.max(MIN_DISTANCE, 1 - s)))
    .sort((a, b) => a - b);
  if (logs.length === 0) {
    return { threshold: SIMILARITY_FLOOR, rule: 'dataset-adaptive', nearestMedian: null, logDistanceSpread: null, z: NEAR_DUPLICATE_Z, why: 'no neighbours to compare: the floor applies' };
  }
  const median = medianOf(logs);
  // Spread from the far side of the median only: copies sit on the near side, and where a dataset
  // holds many of them they would widen a two-sided MAD and so hide themselves.
  const farSide = logs.filter((v) => v >= median).map((v) => v - median);
  const spread = Math.max(MIN_LOG_SPREAD, 1.4826 * medianOf(farSide));
  const cut = median - z * spread;
  const threshold = Math.max(SIMILARITY_FLOOR, round4(1 - Math.exp(cut)));
  const nearestMedian = round4(1 - Math.exp(median));
  return {
    threshold,
    rule: 'dataset-adaptive',
    nearestMedian,
    logDistanceSpread: round4(spread),
    z,
    why:
      `typical nearest neighbour at similarity ${nearestMedian}; a near-duplicate is ${z} robust standard deviations closer ` +
      `(log distance ${round4(cut)} vs median ${round4(median)}), i.e. similarity ≥ ${threshold}` +
      (threshold === SIMILARITY_FLOOR ? ` (the floor ${SIMILARITY_FLOOR})` : ''),
  };
}

export function fixedThreshold(threshold: number): ThresholdChoice {
  return { threshold, rule: 'fixed', nearestMedian: null, logDistanceSpread: null, z: null, why: `set by the user: similarity ≥ ${threshold}` };
}

function medianOf(sorted: number[]): number {
  const m = (sorted.length - 1) / 2;
  return (sorted[Math.floor(m)] + sorted[Math.ceil(m)]) / 2;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
