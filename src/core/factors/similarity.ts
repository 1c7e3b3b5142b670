import { NeighbourLists, dot } from './neighbours';

export interface SimilarityThresholds {
  /**
   * Cosine on centred, normalised inputs at or above which two samples count as similar; 'auto'
   * adapts it to how close ordinary neighbours are in this dataset (see adaptiveInputThreshold).
   */
  input: number | 'auto';
  /** Cosine on centred embeddings at or above which two samples count as similar. */
  embedding: number;
}

export interface EffectiveThresholds {
  input: number;
  embedding: number;
}

export const DEFAULT_SIMILARITY: SimilarityThresholds = { input: 'auto', embedding: 0.9 };

/** Lowest input cosine 'auto' ever uses. */
const AUTO_INPUT_FLOOR = 0.95;
/** A near-duplicate is at most this fraction of the median nearest-neighbour distance away. */
const AUTO_DISTANCE_FRACTION = 0.2;

/**
 * Ordinary nearest neighbours are much closer in a low-dimensional or tightly clustered dataset
 * than in a wide one, so a fixed cosine flags look-alikes as copies in one and misses copies in
 * another. 'auto' calls two samples near-duplicates when their distance on the unit sphere is at
 * most a fifth of the median nearest-neighbour distance, and never below cosine 0.95.
 */
export function adaptiveInputThreshold(nearestCosine: ArrayLike<number>): number {
  const finite = Array.from(nearestCosine).filter(Number.isFinite).sort((a, b) => a - b);
  if (finite.length === 0) return AUTO_INPUT_FLOOR;
  const median = finite[Math.floor((finite.length - 1) / 2)];
  const medianDistance = Math.sqrt(Math.max(0, 2 - 2 * median));
  const nearDuplicateDistance = AUTO_DISTANCE_FRACTION * medianDistance;
  return Math.max(AUTO_INPUT_FLOOR, round4(1 - (nearDuplicateDistance * nearDuplicateDistance) / 2));
}

/** Input cosine of each sample's most similar candidate (candidates sorted by exact cosine). */
export function nearestCandidateSimilarity(candidates: NeighbourLists): Float32Array {
  const n = candidates.indices.length / candidates.k;
  return Float32Array.from({ length: n }, (_, i) => candidates.similarities[i * candidates.k]);
}
export const MAX_SIMILAR_IDS = 20;

export interface SimilarSamples {
  /** Number of other samples that are near-duplicates of each sample. */
  count: Int32Array;
  /** True when the count reached the number of candidates examined (the real count may be higher). */
  countCapped: Uint8Array;
  /** Up to MAX_SIMILAR_IDS near-duplicate indices per sample, most similar first, with their input cosine. */
  neighbours: Array<Array<{ index: number; similarity: number }>>;
  exactDuplicates: Int32Array;
}

export interface SimilarityInputs {
  n: number;
  /** Centred unit rows of the embeddings and their width. */
  embeddingUnit: Float32Array;
  embeddingDim: number;
  /** Candidate neighbours in input space with their exact input cosines (see rerankExactly). */
  candidates: NeighbourLists;
  contentHashes: string[];
}

/**
 * Near-duplicates: samples whose inputs AND embeddings are both within the thresholds (on the
 * exact vectors, whatever found the candidates), plus every exact copy by content hash.
 * Both spaces must agree so that two typical members of a tight class are not called copies.
 */
export function findSimilarSamples(inputs: SimilarityInputs, thresholds: EffectiveThresholds): SimilarSamples {
  const { n, candidates } = inputs;
  const groups = groupByHash(inputs.contentHashes);
  const out: SimilarSamples = {
    count: new Int32Array(n),
    countCapped: new Uint8Array(n),
    neighbours: [],
    exactDuplicates: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const found = new Map<number, number>();
    const copies = groups.get(inputs.contentHashes[i]) ?? [];
    for (const j of copies) if (j !== i) found.set(j, 1);
    out.exactDuplicates[i] = copies.length - 1;
    let verified = 0;
    let examined = 0;
    for (let r = 0; r < candidates.k; r++) {
      const j = candidates.indices[i * candidates.k + r];
      if (j < 0) continue;
      examined++;
      const inputCos = candidates.similarities[i * candidates.k + r];
      if (inputCos < thresholds.input) continue;
      const embeddingCos = dot(inputs.embeddingUnit, i, inputs.embeddingUnit, j, inputs.embeddingDim);
      if (embeddingCos < thresholds.embedding) continue;
      verified++;
      if (!found.has(j)) found.set(j, inputCos);
    }
    out.count[i] = found.size;
    out.countCapped[i] = examined > 0 && verified === examined ? 1 : 0;
    out.neighbours.push(
      [...found.entries()]
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, MAX_SIMILAR_IDS)
        .map(([index, similarity]) => ({ index, similarity: round4(similarity) })),
    );
  }
  return out;
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
