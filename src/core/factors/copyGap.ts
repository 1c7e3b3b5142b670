import { robustLowCut } from './adaptiveThreshold';

/**
 * Robust standard deviations above the dataset's typical largest gap a sample's gap must be. Binds
 * only on small or sparse data: on planted Fashion-MNIST training folders of 800 and 5000 originals
 * the robust cut was 0.5–1.36 at every z of 3–6, below the minimum, which was therefore the cut. Chosen
 * there with the other constants (bench/neardupGap.ts, docs/VALIDATION.md: the grid and the rule
 * of choice were written down before any check set was run); ties went to the larger z.
 */
export const COPY_GAP_Z = 6;
/**
 * The smallest gap ever accepted: the group must be at least e^1.5 ≈ 4.5 times closer than the next
 * candidate. The robust cut alone loosens as data grow denser (the gaps' spread narrows, as the
 * local ratio's did), so it is this, not z, that keeps look-alikes out at scale: on the 5000-original
 * folder 1.25 let 12 pairs between untouched images through (tail rules: 9), 1.5 let 5, with no
 * false pair on a copy.
 */
export const COPY_GAP_MIN = 1.5;
/**
 * Thumbnail or cosine candidates each sample's gap is looked for among (the aligned ones:
 * ALIGNED_CANDIDATES), so groups of up to 10 copies (a sample with 5 copies has a group of 5 or 6):
 * on the planted Fashion-MNIST training folders and digits 10 and 20 accepted the same pairs.
 */
export const COPY_GAP_CANDIDATES = 20;
/** A copy group holds at most this share of the candidates looked at: the rest is the neighbourhood it must stand out from. */
const GROUP_SHARE = 0.5;
const MIN_DISTANCE = 1e-6;

/** Each sample's first `width` candidate scores (similarities, 1 = identical), in candidate order; NaN where none. */
export interface ScoreRows {
  width: number;
  scores: Float32Array;
}

/** The largest relative gap in a sample's sorted candidate distances, and where it is. */
export interface SampleGap {
  /** ln(d after the gap) − ln(d before it), d = 1 − similarity; NaN with too few candidates. */
  gap: number;
  /** The lowest similarity inside the group before the gap. */
  groupFloor: number;
}

export interface CopyGapRule {
  /** Candidates looked at per sample, and the largest group (GROUP_SHARE of them). */
  candidates: number;
  maxGroup: number;
  /** A sample's group is accepted when its gap is at least this: the robust cut, never below minCut. */
  cut: number;
  minCut: number;
  median: number;
  spread: number;
  z: number;
}

/**
 * Sort a sample's candidates by distance d = 1 − similarity; the copy group is the candidates
 * before the largest jump in ln d among the first maxGroup positions, so a group of several copies
 * is one group, while the candidates after it are the neighbourhood it stands out from. A
 * look-alike (a plain garment among many of one cut) has no such jump: its neighbours come at
 * evenly spaced distances.
 */
export function sampleGap(rows: ScoreRows, i: number): SampleGap {
  const sorted: number[] = [];
  for (let r = 0; r < rows.width; r++) {
    const s = rows.scores[i * rows.width + r];
    if (Number.isFinite(s)) sorted.push(s);
  }
  sorted.sort((a, b) => b - a);
  const d = sorted.map((s) => Math.log(Math.max(MIN_DISTANCE, 1 - s)));
  const maxGroup = Math.floor(GROUP_SHARE * rows.width);
  let gap = NaN;
  let floor = NaN;
  for (let g = 1; g <= Math.min(maxGroup, d.length - 1); g++) {
    const jump = d[g] - d[g - 1];
    if (!(jump <= gap)) {
      gap = jump;
      floor = sorted[g - 1];
    }
  }
  return { gap, groupFloor: floor };
}

/**
 * The dataset-adaptive cut: most samples have no copy, so the dataset's own largest gaps are the
 * null; a copy group's gap is `z` robust standard deviations above their median (spread from the
 * near side, where copies are not), and at least COPY_GAP_MIN. Null without any gap to judge.
 */
export function copyGapRule(gaps: ArrayLike<number>, width: number, z = COPY_GAP_Z, minCut = COPY_GAP_MIN): CopyGapRule | null {
  const negated = Array.from(gaps)
    .filter(Number.isFinite)
    .map((g) => -g)
    .sort((a, b) => a - b);
  if (negated.length === 0) return null;
  const { median, spread, cut } = robustLowCut(negated, z);
  return { candidates: width, maxGroup: Math.floor(GROUP_SHARE * width), cut: round4(Math.max(minCut, -cut)), minCut, median: round4(-median), spread: round4(spread), z };
}

/** Per sample, the lowest similarity its accepted copy group reaches (NaN: no group accepted). */
export function acceptedGroupFloors(rows: ScoreRows, n: number, rule: CopyGapRule | null): Float32Array {
  const floors = new Float32Array(n).fill(NaN);
  if (!rule) return floors;
  for (let i = 0; i < n; i++) {
    const { gap, groupFloor } = sampleGap(rows, i);
    if (gap >= rule.cut) floors[i] = groupFloor;
  }
  return floors;
}

/** The sample gaps of every row, for copyGapRule. */
export function sampleGaps(rows: ScoreRows, n: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => sampleGap(rows, i).gap);
}

/** The first `width` candidate similarities of each sample as ScoreRows. */
export function firstScores(similarities: Float32Array, k: number, width: number): ScoreRows {
  const w = Math.min(width, k);
  const n = similarities.length / k;
  const scores = new Float32Array(n * w);
  for (let i = 0; i < n; i++) scores.set(similarities.subarray(i * k, i * k + w), i * w);
  return { width: w, scores };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** What the audit reports of one score's copy-gap rule. */
export type CopyGapReport = CopyGapRule & { score: CopyGapScore; samples: number };
export type CopyGapScore = 'thumbnail correlation' | 'aligned pixel correlation' | 'cosine';

/** The copy-gap rule on `rows`, fitted to their own gaps, with the accepted groups' floors. */
export function copyGroups(rows: ScoreRows, n: number, score: CopyGapScore): { rows: ScoreRows; floors: Float32Array; report: CopyGapReport | null } {
  const rule = copyGapRule(sampleGaps(rows, n), rows.width);
  const floors = acceptedGroupFloors(rows, n, rule);
  const samples = floors.reduce((count, f) => count + (Number.isFinite(f) ? 1 : 0), 0);
  return { rows, floors, report: rule ? { ...rule, score, samples } : null };
}

/** The audit's words for one score's rule. */
export function copyGapWhy(r: CopyGapReport): string {
  const times = Math.exp(r.cut).toFixed(1);
  const robust = round4(r.median + r.z * r.spread);
  return (
    `${r.score} of each sample's first ${r.candidates} candidates: the candidates before the largest jump in log distance among the first ${r.maxGroup}, ` +
    `when that jump is ≥ ${r.cut} (the group ${times} times closer than the next candidate; this dataset's typical largest jump is ${r.median}, ` +
    (robust >= r.minCut ? `and ${r.z} robust standard deviations above it is ${robust})` : `${r.z} robust standard deviations above it ${robust}, below the minimum ${r.minCut}, so the minimum applies)`) +
    `: ${r.samples} samples have such a group`
  );
}
