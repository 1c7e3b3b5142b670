import { NeighbourLists } from './neighbours';
import { robustLowCut } from './adaptiveThreshold';

/** A sample's local scale is the distance to its LOCAL_REFERENCE_RANK-th candidate: past a few copies of it. */
export const LOCAL_REFERENCE_RANK = 10;
/**
 * Robust standard deviations below the median local ratio a pair must be. Chosen on the planted
 * Fashion-MNIST folder (docs/VALIDATION.md compares 2 to 4: at 2, 16 of 692 untouched images got a
 * flagged neighbour, at 3, 2), then checked unchanged on digits.
 */
export const LOCAL_RATIO_Z = 3;
/**
 * The loosest cut the local rule may use, whatever the dataset's size: a pair must be at least
 * e^2 ≈ 7.4 times closer than the sample's 10th candidate. The robust cut loosens as a dataset
 * grows denser (the ratio's spread narrows: −1.79 at 1132 Fashion images, −1.09 at 10 132), and
 * ordinary look-alikes pass. Chosen on planted Fashion-MNIST training folders of 1k, 5k and 10k
 * images by bench/neardupPrecision.ts, checked on the Fashion-MNIST test set (docs/VALIDATION.md).
 */
export const LOCAL_RATIO_MAX_CUT = -2;
const MIN_DISTANCE = 1e-6;

export interface LocalRatioRule {
  /** Rank of the candidate whose distance is the local scale. */
  reference: number;
  /** A pair passes when log(its distance / the local scale) is at or below this: the robust cut, at most maxCut. */
  cut: number;
  /** The n-independent bound on the cut (LOCAL_RATIO_MAX_CUT); absent in older audits. */
  maxCut?: number;
  median: number;
  spread: number;
  z: number;
}

/** log(d / d_ref) for distance d = 1 − similarity against sample i's reference candidate; NaN without one. */
export function localLogRatio(candidates: NeighbourLists, i: number, similarity: number, reference = LOCAL_REFERENCE_RANK): number {
  if (candidates.k < reference) return NaN;
  const ref = candidates.similarities[i * candidates.k + reference - 1];
  if (!Number.isFinite(ref)) return NaN;
  return Math.log(Math.max(MIN_DISTANCE, 1 - similarity)) - Math.log(Math.max(MIN_DISTANCE, 1 - ref));
}

/**
 * The local counterpart of adaptiveThreshold. Where a dataset is dense (many plain garments alike)
 * a copy is no closer than ordinary neighbours elsewhere, so one global threshold misses it; but it
 * is still far closer than the sample's own tenth neighbour. A pair passes when its log ratio to
 * that local scale is `z` robust standard deviations below the dataset's median nearest-neighbour
 * ratio (spread from the far side, as in adaptiveThreshold). Null with too few candidates.
 */
export function localRatioRule(candidates: NeighbourLists, z = LOCAL_RATIO_Z, reference = LOCAL_REFERENCE_RANK, maxCut = LOCAL_RATIO_MAX_CUT): LocalRatioRule | null {
  const n = candidates.indices.length / candidates.k;
  const ratios: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = localLogRatio(candidates, i, candidates.similarities[i * candidates.k], reference);
    if (Number.isFinite(r)) ratios.push(r);
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  const { median, spread, cut } = robustLowCut(ratios, z);
  return { reference, cut: round4(Math.min(cut, maxCut)), median: round4(median), spread: round4(spread), z, ...(Number.isFinite(maxCut) ? { maxCut } : {}) };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
