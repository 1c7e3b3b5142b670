import * as tf from '@tensorflow/tfjs-core';
import { readTidy } from '../model/readTensor';
import { ExactRows, rerankRow } from './rerank';
import { TopKSelector, selectBlock } from './topKSelector';

/** Where the rows of one block of queries go: the shared lists and the search's settings. */
export interface BlockSearch {
  n: number;
  dim: number;
  k: number;
  allowed?: Uint8Array;
  indices: Int32Array;
  similarities: Float32Array;
  /** When the rows searched are a projection: re-rank each list on these full rows. */
  exact?: ExactRows;
}

/** Default rows per block: the block's similarities stay near 64 MB whatever N. */
export function defaultBlockSize(n: number): number {
  return Math.max(16, Math.min(512, Math.floor(16_000_000 / n)));
}

/**
 * The rows of all samples on the active backend, for block after block of queries against them.
 * The same block always gives the same similarities, bit for bit, whichever thread computes it.
 */
export class BlockSearcher {
  private readonly all: tf.Tensor2D;
  // The wasm backend's matMul with transposeB is ~10x slower than with a pre-transposed operand.
  private readonly allTransposed: tf.Tensor2D;
  private readonly selector: TopKSelector;

  constructor(unitRows: Float32Array, private readonly search: BlockSearch) {
    this.all = tf.tensor2d(unitRows, [search.n, search.dim]);
    this.allTransposed = tf.transpose(this.all);
    this.selector = new TopKSelector(search.k);
  }

  /** Fill the lists of rows start..start+size−1. */
  run(start: number, size: number): void {
    const { n, dim, k, allowed, indices, similarities } = this.search;
    const sims = readTidy(() => tf.matMul(tf.slice(this.all, [start, 0], [size, dim]), this.allTransposed)) as Float32Array;
    selectBlock(sims, start, size, n, this.selector, k, allowed, indices, similarities);
    const { exact } = this.search;
    if (exact) for (let i = start; i < start + size; i++) rerankRow(indices, similarities, i, k, exact);
  }

  dispose(): void {
    this.all.dispose();
    this.allTransposed.dispose();
  }
}
