import { centredUnitRows, rangeScaledColumns } from '../factors/neighbours';

/** A retain sample that might carry a forget sample's influence: same label, among its most similar. */
export interface CandidateCarrier {
  index: number;
  /** Input-space cosine (columns range-scaled, rows centred), as in the audit's near-duplicate search. */
  similarity: number;
  /** Cosine of the original model's penultimate-layer embeddings. */
  modelSimilarity: number;
  /** The spaces in which it is among the forget sample's top `perSpace`. */
  foundIn: Array<'input' | 'model'>;
}

export interface CarrierSpaces {
  X: Float32Array;
  numFeatures: number;
  embeddings: Float32Array;
  embeddingDim: number;
  y: Int32Array;
}

/**
 * For each forget sample, the union of its `perSpace` most similar retain samples with the same
 * label in input space and in model space. Other-label neighbours are never candidates: a near-copy
 * with another label pulls the model away from the forget sample's label, it does not carry it.
 * Exhaustive over same-label retain rows: |F| x |retain| / classes dot products per space.
 */
export function candidateCarriers(spaces: CarrierSpaces, forgetIdx: Int32Array, retainIdx: Int32Array, perSpace: number): CandidateCarrier[][] {
  const n = spaces.y.length;
  const input = centredUnitRows(rangeScaledColumns(spaces.X, n, spaces.numFeatures), n, spaces.numFeatures);
  const model = centredUnitRows(spaces.embeddings, n, spaces.embeddingDim);
  const byLabel = new Map<number, number[]>();
  for (const j of retainIdx) {
    const list = byLabel.get(spaces.y[j]) ?? [];
    list.push(j);
    byLabel.set(spaces.y[j], list);
  }
  return Array.from(forgetIdx, (i) => {
    const pool = byLabel.get(spaces.y[i]) ?? [];
    const inputSim = pool.map((j) => cosine(input, spaces.numFeatures, i, j));
    const modelSim = pool.map((j) => cosine(model, spaces.embeddingDim, i, j));
    const chosen = new Map<number, CandidateCarrier>();
    const take = (sims: number[], space: 'input' | 'model') => {
      for (const k of topPositions(sims, perSpace)) {
        const entry = chosen.get(k) ?? { index: pool[k], similarity: round4(inputSim[k]), modelSimilarity: round4(modelSim[k]), foundIn: [] };
        entry.foundIn.push(space);
        chosen.set(k, entry);
      }
    };
    take(inputSim, 'input');
    take(modelSim, 'model');
    return [...chosen.values()].sort((a, b) => b.similarity - a.similarity || a.index - b.index);
  });
}

function cosine(unit: Float32Array, dim: number, i: number, j: number): number {
  let dot = 0;
  for (let d = 0; d < dim; d++) dot += unit[i * dim + d] * unit[j * dim + d];
  return dot;
}

/** Positions of the `k` largest values; ties go to the earlier position, so the result is deterministic. */
function topPositions(values: number[], k: number): number[] {
  return values
    .map((v, p) => [v, p] as const)
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, p]) => p);
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
