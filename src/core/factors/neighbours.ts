import * as tf from '@tensorflow/tfjs-core';
import { JobContext, breathe, throwIfCancelled } from '../progress';
import { createRandom } from '../util/random';
import { readTidy } from '../model/readTensor';
import { BackendName, activeBackend } from '../model/backend';
import { defaultWorkerCount } from '../model/parallelSubsetModels';
import { BlockSearcher, defaultBlockSize, listsFromBanks } from './neighbourBlocks';
import { TopKBank } from './topKBank';
import type { ExactRows } from './rerank';
import { neighbourWorkerScript, searchBlocksInWorkers } from './parallelNeighbours';

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
 * Exact top-k cosine neighbours of every row among the allowed rows (self excluded); among equal
 * similarities the smaller index comes first. The similarity matrix is computed block by block as
 * a tensor product (memory O(block x N)); the selection runs in plain JS over each block, which
 * beats the backends' TopK kernels several times. `unitRows` must already be unit length (see
 * centredUnitRows).
 */
export async function topKNeighbours(
  unitRows: Float32Array,
  n: number,
  dim: number,
  k: number,
  options: NeighbourSearchOptions = {},
  ctx?: JobContext,
): Promise<NeighbourLists> {
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  if (k === 0 || n < 2) return { k, indices, similarities };
  const blockSize = options.blockSize ?? defaultBlockSize(n);
  const workers = searchWorkers(n, blockSize, options.workers);
  const script = workers.count > 1 ? neighbourWorkerScript() : undefined;
  if (script) {
    const search = { n, dim, k, allowed: options.allowed, exact: options.exact, blockSize };
    await searchBlocksInWorkers(script, unitRows, search, { indices, similarities }, { workers: workers.count, backend: workers.backend, onBlock: options.onBlock }, ctx);
    return { k, indices, similarities };
  }
  const search = { n, dim, k, allowed: options.allowed, exact: options.exact };
  const bank = new TopKBank(n, k);
  const searcher = new BlockSearcher(unitRows, search, bank);
  try {
    for (let start = 0; start < n; start += blockSize) {
      const size = Math.min(blockSize, n - start);
      searcher.run(start, size);
      // Later blocks are smaller: the share of pairs done.
      options.onBlock?.(1 - ((n - start - size) / n) ** 2);
      throwIfCancelled(ctx);
      await breathe();
    }
  } finally {
    searcher.dispose();
  }
  listsFromBanks([bank], search, indices, similarities);
  return { k, indices, similarities };
}

export interface NeighbourSearchOptions {
  /** Rows that may be neighbours (all when absent). */
  allowed?: Uint8Array;
  blockSize?: number;
  /** Worker threads; by default one per core (up to 4) for searches large enough to repay starting them. */
  workers?: number;
  onBlock?: (fraction: number) => void;
  /** The rows searched are a projection of these: each list is re-ranked on them (see projectedTopK). */
  exact?: ExactRows;
}

/** Below this many rows a search takes about as long as starting the workers. */
const PARALLEL_MIN_ROWS = 5000;

/**
 * How many threads search, on which backend: the worker count asked for, else the default for
 * large searches; never with the native backend (already multi-threaded) or before any backend.
 */
function searchWorkers(n: number, blockSize: number, asked: number | undefined): { count: number; backend: BackendName } {
  const backend = activeBackend()?.name;
  if (backend === undefined || backend === 'tensorflow') return { count: 1, backend: 'cpu' };
  const wanted = asked ?? (n >= PARALLEL_MIN_ROWS ? defaultWorkerCount() : 1);
  return { count: Math.max(1, Math.min(wanted, Math.ceil(n / blockSize))), backend };
}

export { dot } from './dot';
