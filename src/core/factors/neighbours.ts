import * as tf from '@tensorflow/tfjs-core';
import { JobContext, breathe, throwIfCancelled } from '../progress';
import { createRandom } from '../util/random';
import { readTidy } from '../model/readTensor';

/**
 * Each column rescaled to [0,1] by its range. Used before comparing inputs: after standardisation
 * a nearly constant column (a border pixel) turns a one-level change into many standard
 * deviations and would dominate the cosine; by range it counts for what it is.
 */
export function rangeScaledColumns(vectors: Float32Array, n: number, dim: number): Float32Array {
  const min = new Float32Array(dim).fill(Infinity);
  const max = new Float32Array(dim).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const v = vectors[i * dim + j];
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dim; j++) {
      const range = max[j] - min[j];
      out[i * dim + j] = range > 0 ? (vectors[i * dim + j] - min[j]) / range : 0;
    }
  }
  return out;
}

/** Rows centred on the column means and scaled to unit length, so a dot product is a cosine. */
export function centredUnitRows(vectors: Float32Array, n: number, dim: number): Float32Array {
  const means = new Float64Array(dim);
  for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) means[j] += vectors[i * dim + j];
  for (let j = 0; j < dim; j++) means[j] /= Math.max(1, n);
  const out = new Float32Array(n * dim);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dim; j++) {
      const v = vectors[i * dim + j] - means[j];
      out[i * dim + j] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let j = 0; j < dim; j++) out[i * dim + j] *= scale;
  }
  return out;
}

/**
 * Gaussian random projection to `targetDim` dimensions (Johnson-Lindenstrauss), used only to
 * find candidate neighbours in wide input spaces; candidates are verified on the exact vectors.
 */
export function randomProjection(vectors: Float32Array, n: number, dim: number, targetDim: number, seed: number): Float32Array {
  const random = createRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const matrix = new Float32Array(dim * targetDim);
  for (let k = 0; k < matrix.length; k++) matrix[k] = gaussian() / Math.sqrt(targetDim);
  return readTidy(() => tf.matMul(tf.tensor2d(vectors, [n, dim]), tf.tensor2d(matrix, [dim, targetDim]))) as Float32Array;
}

export interface NeighbourLists {
  k: number;
  /** [i * k + r]: index of the r-th most similar sample to i (−1 when fewer candidates exist). */
  indices: Int32Array;
  similarities: Float32Array;
}

/**
 * Exact top-k cosine neighbours of every row among the allowed rows (self excluded). The
 * similarity matrix is computed block by block as a tensor product (memory O(block x N)); the
 * selection runs in plain JS over each block, which beats the backends' TopK kernels several times.
 * `unitRows` must already be unit length (see centredUnitRows).
 */
export async function topKNeighbours(
  unitRows: Float32Array,
  n: number,
  dim: number,
  k: number,
  options: { allowed?: Uint8Array; blockSize?: number; onBlock?: (fraction: number) => void } = {},
  ctx?: JobContext,
): Promise<NeighbourLists> {
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  if (k === 0 || n < 2) return { k, indices, similarities };
  const blockSize = options.blockSize ?? Math.max(16, Math.min(512, Math.floor(16_000_000 / n)));
  const all = tf.tensor2d(unitRows, [n, dim]);
  // The wasm backend's matMul with transposeB is ~10x slower than with a pre-transposed operand.
  const allTransposed = tf.transpose(all);
  const selector = new TopKSelector(k);
  try {
    for (let start = 0; start < n; start += blockSize) {
      const size = Math.min(blockSize, n - start);
      const sims = readTidy(() => tf.matMul(tf.slice(all, [start, 0], [size, dim]), allTransposed)) as Float32Array;
      for (let r = 0; r < size; r++) {
        const i = start + r;
        selector.reset();
        const row = sims.subarray(r * n, (r + 1) * n);
        for (let j = 0; j < n; j++) {
          if (row[j] > selector.floor && j !== i && (!options.allowed || options.allowed[j])) selector.offer(j, row[j]);
        }
        selector.writeSorted(indices, similarities, i * k);
      }
      options.onBlock?.((start + size) / n);
      throwIfCancelled(ctx);
      await breathe();
    }
  } finally {
    all.dispose();
    allTransposed.dispose();
  }
  return { k, indices, similarities };
}

/** Keeps the k largest values offered; `floor` is the smallest kept once full (−Infinity before). */
class TopKSelector {
  private readonly ids: Int32Array;
  private readonly values: Float32Array;
  private size = 0;
  floor = -Infinity;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(k);
    this.values = new Float32Array(k);
  }

  reset(): void {
    this.size = 0;
    this.floor = -Infinity;
  }

  offer(id: number, value: number): void {
    if (this.size < this.k) {
      this.ids[this.size] = id;
      this.values[this.size] = value;
      this.size++;
      if (this.size === this.k) this.floor = this.minValue().value;
      return;
    }
    const { at } = this.minValue();
    this.ids[at] = id;
    this.values[at] = value;
    this.floor = this.minValue().value;
  }

  writeSorted(indices: Int32Array, similarities: Float32Array, offset: number): void {
    const order = Array.from({ length: this.size }, (_, r) => r).sort(
      (a, b) => this.values[b] - this.values[a] || this.ids[a] - this.ids[b],
    );
    order.forEach((r, c) => {
      indices[offset + c] = this.ids[r];
      similarities[offset + c] = this.values[r];
    });
  }

  private minValue(): { at: number; value: number } {
    let at = 0;
    for (let r = 1; r < this.size; r++) if (this.values[r] < this.values[at]) at = r;
    return { at, value: this.values[at] };
  }
}

/**
 * The same candidate lists with exact cosines on `unitRows`, re-sorted by them (candidates found
 * in a projected space are approximate; everything downstream uses the exact values).
 */
export function rerankExactly(candidates: NeighbourLists, unitRows: Float32Array, dim: number): NeighbourLists {
  const { k } = candidates;
  const n = candidates.indices.length / k;
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  const scored: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    scored.length = 0;
    for (let r = 0; r < k; r++) {
      const j = candidates.indices[i * k + r];
      if (j >= 0) scored.push([j, dot(unitRows, i, unitRows, j, dim)]);
    }
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    scored.forEach(([j, s], r) => {
      indices[i * k + r] = j;
      similarities[i * k + r] = s;
    });
  }
  return { k, indices, similarities };
}

export function dot(a: Float32Array, aRow: number, b: Float32Array, bRow: number, dim: number): number {
  let sum = 0;
  const ao = aRow * dim;
  const bo = bRow * dim;
  for (let j = 0; j < dim; j++) sum += a[ao + j] * b[bo + j];
  return sum;
}
