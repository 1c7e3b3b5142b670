import { NeighbourLists } from './neighbours';

export interface PerSampleEntanglement {
  /** Distance to own-class centroid ÷ distance to the nearest other-class centroid (embedding space). */
  centroidRatio: Float32Array;
  /** Share of the k nearest training neighbours (embedding space) that carry another label. */
  knnOtherLabelShare: Float32Array;
  /** The two combined into [0,1]: 0 deep inside its own class, 1 inside another class. */
  score: Float32Array;
}

/** Ratio at or below which a sample sits clearly in its own class, and the span up to fully entangled. */
const RATIO_CLEAR = 0.6;
const RATIO_SPAN = 0.8;

export function perSampleEntanglement(
  embeddings: Float32Array,
  dim: number,
  y: Int32Array,
  numClasses: number,
  trainMask: Uint8Array,
  neighbours: NeighbourLists,
): PerSampleEntanglement {
  const n = y.length;
  const centroids = classCentroids(embeddings, dim, y, numClasses, trainMask);
  const out: PerSampleEntanglement = {
    centroidRatio: new Float32Array(n),
    knnOtherLabelShare: new Float32Array(n),
    score: new Float32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const own = centroids[y[i]] ? distance(embeddings, i, dim, centroids[y[i]]!) : NaN;
    let nearestOther = Infinity;
    for (let c = 0; c < numClasses; c++) {
      if (c === y[i] || !centroids[c]) continue;
      nearestOther = Math.min(nearestOther, distance(embeddings, i, dim, centroids[c]!));
    }
    const ratio = nearestOther > 0 && Number.isFinite(nearestOther) ? own / nearestOther : NaN;
    out.centroidRatio[i] = ratio;
    out.knnOtherLabelShare[i] = otherLabelShare(neighbours, i, y);
    const ratioPart = Number.isFinite(ratio) ? clamp01((ratio - RATIO_CLEAR) / RATIO_SPAN) : 0;
    out.score[i] = 0.5 * out.knnOtherLabelShare[i] + 0.5 * ratioPart;
  }
  return out;
}

/** Share of a sample's listed neighbours whose label differs from its own. */
export function otherLabelShare(neighbours: NeighbourLists, i: number, y: Int32Array): number {
  let total = 0;
  let other = 0;
  for (let r = 0; r < neighbours.k; r++) {
    const j = neighbours.indices[i * neighbours.k + r];
    if (j < 0) continue;
    total++;
    if (y[j] !== y[i]) other++;
  }
  return total === 0 ? 0 : other / total;
}

/**
 * RUM's set-level Entanglement Score of a forget set F against a retain set R, on embeddings:
 * ES = [mean_R ‖g−μ_R‖² + mean_F ‖g−μ_F‖²] / [½(‖μ_R−μ‖² + ‖μ_F−μ‖²)], μ the mean over R ∪ F.
 * Higher means forget and retain embeddings are more intermixed (harder to unlearn).
 */
export function entanglementScore(embeddings: Float32Array, dim: number, retain: ArrayLike<number>, forget: ArrayLike<number>): number {
  if (retain.length === 0 || forget.length === 0) return NaN;
  const muR = meanOf(embeddings, dim, retain);
  const muF = meanOf(embeddings, dim, forget);
  const mu = new Float64Array(dim);
  const total = retain.length + forget.length;
  for (let j = 0; j < dim; j++) mu[j] = (muR[j] * retain.length + muF[j] * forget.length) / total;
  const spreadR = meanSquaredDistance(embeddings, dim, retain, muR);
  const spreadF = meanSquaredDistance(embeddings, dim, forget, muF);
  const separation = 0.5 * (squaredDistance(muR, mu) + squaredDistance(muF, mu));
  return separation === 0 ? Infinity : (spreadR + spreadF) / separation;
}

function classCentroids(
  embeddings: Float32Array,
  dim: number,
  y: Int32Array,
  numClasses: number,
  mask: Uint8Array,
): Array<Float64Array | undefined> {
  const members: number[][] = Array.from({ length: numClasses }, () => []);
  for (let i = 0; i < y.length; i++) if (mask[i]) members[y[i]].push(i);
  return members.map((list) => (list.length ? meanOf(embeddings, dim, list) : undefined));
}

function meanOf(embeddings: Float32Array, dim: number, rows: ArrayLike<number>): Float64Array {
  const mu = new Float64Array(dim);
  for (let r = 0; r < rows.length; r++) for (let j = 0; j < dim; j++) mu[j] += embeddings[rows[r] * dim + j];
  for (let j = 0; j < dim; j++) mu[j] /= rows.length;
  return mu;
}

function meanSquaredDistance(embeddings: Float32Array, dim: number, rows: ArrayLike<number>, centre: Float64Array): number {
  let sum = 0;
  for (let r = 0; r < rows.length; r++) sum += distance(embeddings, rows[r], dim, centre) ** 2;
  return sum / rows.length;
}

function distance(embeddings: Float32Array, row: number, dim: number, centre: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < dim; j++) sum += (embeddings[row * dim + j] - centre[j]) ** 2;
  return Math.sqrt(sum);
}

function squaredDistance(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] - b[j]) ** 2;
  return sum;
}

function clamp01(v: number): number {
  return Math.max(0, Math.min(1, v));
}
