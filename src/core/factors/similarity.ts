import { NeighbourLists, dot } from './neighbours';
import { PairScorer } from './pairScore';
import { LocalRatioRule, localLogRatio } from './localRatio';
import { AlignedScores } from './alignedCorrelation';
import { sortRow } from './rerank';
import { ScoreRows } from './copyGap';

export { DEFAULT_SIMILARITY } from './similarityDefaults';
export type { SimilarityThresholds } from './similarityDefaults';

export interface EffectiveThresholds {
  input: number;
  embedding: number;
  /** Also a near-duplicate: far closer than the sample's own local scale, and at least `floor` (see localRatioRule). */
  local?: LocalRatioRule & { floor: number };
  /** Images: also a near-duplicate when the pair's aligned correlation (SimilarityInputs.aligned) reaches this. */
  aligned?: number;
}


/** Input similarity of each sample's most similar candidate (candidates sorted by similarity). */
export function nearestCandidateSimilarity(candidates: NeighbourLists): Float32Array {
  const n = candidates.indices.length / candidates.k;
  return Float32Array.from({ length: n }, (_, i) => candidates.similarities[i * candidates.k]);
}

/**
 * The same candidate lists scored by `scorer` and re-sorted by it (candidates from a projected
 * or model-space search are approximate; everything downstream uses these values).
 */
export function scoreCandidates(candidates: NeighbourLists, scorer: PairScorer): NeighbourLists {
  const { k } = candidates;
  const n = candidates.indices.length / k;
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let r = 0; r < k; r++) {
      const j = candidates.indices[i * k + r];
      if (j < 0) continue;
      indices[i * k + count] = j;
      similarities[i * k + count] = scorer.score(i, j);
      count++;
    }
    // In place: sorting arrays of pairs allocated per sample took most of this function's time.
    sortRow(indices, similarities, i * k, count);
  }
  return { k, indices, similarities };
}

export const MAX_SIMILAR_IDS = 20;

export interface SimilarSample {
  index: number;
  similarity: number;
}

export interface SimilarSamples {
  /** Number of other samples with the same label that are near-duplicates of each sample. */
  count: Int32Array;
  /** True when the count reached the number of candidates examined (the real count may be higher). */
  countCapped: Uint8Array;
  /** Up to MAX_SIMILAR_IDS same-label near-duplicates per sample, most similar first. */
  neighbours: SimilarSample[][];
  /** Up to MAX_SIMILAR_IDS near-duplicates with another label: label conflicts, never carriers. */
  labelConflicts: SimilarSample[][];
  /** Exact content copies with the same label (copies with another label are label conflicts). */
  exactDuplicates: Int32Array;
}

export interface SimilarityInputs {
  n: number;
  labels: Int32Array;
  /** Centred unit rows of the embeddings and their width. */
  embeddingUnit: Float32Array;
  embeddingDim: number;
  /** Candidate neighbours with their input similarities, most similar first (see scoreCandidates). */
  candidates: NeighbourLists;
  contentHashes: string[];
  /** Images: aligned correlations of each sample's first candidates (see alignedScores). */
  aligned?: AlignedScores;
  /**
   * Copy groups accepted by the copy-gap rule (see copyGap.ts), one per score: candidate r of sample
   * i is a near-duplicate when r < rows.width and its score there reaches floors[i] (NaN: none).
   */
  copyGroups?: Array<{ rows: ScoreRows; floors: Float32Array }>;
}

/**
 * Near-duplicates: candidate pairs at or above the input threshold (and the embedding threshold
 * when that is on), plus every exact copy by content hash. A pair found from either side counts
 * for both. A near-copy with another label is a label conflict: it pulls the model away from the
 * sample's label, so it is listed apart and never counted as keeping the sample's influence alive.
 */
export function findSimilarSamples(inputs: SimilarityInputs, thresholds: EffectiveThresholds): SimilarSamples {
  const { n, candidates, labels } = inputs;
  const found: Array<Map<number, number>> = Array.from({ length: n }, () => new Map());
  const add = (i: number, j: number, s: number) => {
    if (!found[i].has(j) || found[i].get(j)! < s) found[i].set(j, s);
    if (!found[j].has(i) || found[j].get(i)! < s) found[j].set(i, s);
  };
  const exactDuplicates = new Int32Array(n);
  for (const copies of groupByHash(inputs.contentHashes).values()) {
    for (const i of copies) {
      for (const j of copies) {
        if (j !== i && labels[j] === labels[i]) exactDuplicates[i]++;
        if (j > i) add(i, j, 1);
      }
    }
  }
  const countCapped = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    let verified = 0;
    let examined = 0;
    for (let r = 0; r < candidates.k; r++) {
      const j = candidates.indices[i * candidates.k + r];
      if (j < 0) continue;
      examined++;
      const s = candidates.similarities[i * candidates.k + r];
      if (!(s >= thresholds.input) && !passesLocal(candidates, i, s, thresholds.local) && !passesAligned(inputs.aligned, i, r, thresholds.aligned) && !inCopyGroup(inputs.copyGroups, i, r)) continue;
      if (thresholds.embedding > -1 && dot(inputs.embeddingUnit, i, inputs.embeddingUnit, j, inputs.embeddingDim) < thresholds.embedding) continue;
      verified++;
      add(i, j, s);
    }
    countCapped[i] = examined > 0 && verified === examined ? 1 : 0;
  }
  const out: SimilarSamples = { count: new Int32Array(n), countCapped, neighbours: [], labelConflicts: [], exactDuplicates };
  for (let i = 0; i < n; i++) {
    const same: SimilarSample[] = [];
    const other: SimilarSample[] = [];
    for (const [index, similarity] of found[i]) (labels[index] === labels[i] ? same : other).push({ index, similarity: round4(similarity) });
    out.count[i] = same.length;
    out.neighbours.push(mostSimilar(same));
    out.labelConflicts.push(mostSimilar(other));
  }
  return out;
}

function passesLocal(candidates: NeighbourLists, i: number, s: number, local: EffectiveThresholds['local']): boolean {
  return local !== undefined && s >= local.floor && localLogRatio(candidates, i, s, local.reference) <= local.cut;
}

function passesAligned(aligned: AlignedScores | undefined, i: number, r: number, threshold: number | undefined): boolean {
  return aligned !== undefined && threshold !== undefined && r < aligned.m && aligned.scores[i * aligned.m + r] >= threshold;
}

function inCopyGroup(groups: SimilarityInputs['copyGroups'], i: number, r: number): boolean {
  return (groups ?? []).some(({ rows, floors }) => r < rows.width && rows.scores[i * rows.width + r] >= floors[i]);
}

function mostSimilar(list: SimilarSample[]): SimilarSample[] {
  return list.sort((a, b) => b.similarity - a.similarity || a.index - b.index).slice(0, MAX_SIMILAR_IDS);
}

function groupByHash(hashes: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  hashes.forEach((h, i) => {
    const list = groups.get(h);
    if (list) list.push(i);
    else groups.set(h, [i]);
  });
  return groups;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
