import * as tf from '@tensorflow/tfjs-core';
import { withFloatValues } from '../model/tensorView';
import { ExactRows, rerankRow } from './rerank';
import { TopKBank, selectTriangleBlock } from './topKBank';

/** The search's settings: which rows, how wide, how many neighbours, among which rows. */
export interface BlockSearch {
  n: number;
  dim: number;
  k: number;
  allowed?: Uint8Array;
  /** When the rows searched are a projection: re-rank each list on these full rows. */
  exact?: ExactRows;
}

/** Default rows per block: the block's similarities stay near 64 MB whatever N. */
export function defaultBlockSize(n: number): number {
  return Math.max(16, Math.min(512, Math.floor(16_000_000 / n)));
}

/**
 * The rows of all samples on the active backend, for block after block of queries against them.
 * A block is rows start..start+size−1 against the rows from `start` on: the similarity matrix is
 * symmetric, so each pair is computed once, in the block of its smaller index, and offered to
 * both rows' lists in `bank`. The same block always gives the same similarities, bit for bit,
 * whichever thread computes it.
 */
export class BlockSearcher {
  private readonly all: tf.Tensor2D;
  // The wasm backend's matMul with transposeB is ~10x slower than with a pre-transposed operand.
  private readonly allTransposed: tf.Tensor2D;

  constructor(
    unitRows: Float32Array,
    private readonly search: BlockSearch,
    private readonly bank: TopKBank,
  ) {
    this.all = tf.tensor2d(unitRows, [search.n, search.dim]);
    this.allTransposed = tf.transpose(this.all);
  }

  /** Offer every pair of rows start..start+size−1 with the rows after them. */
  run(start: number, size: number): void {
    const { n, dim, allowed } = this.search;
    withFloatValues(
      () => tf.matMul(tf.slice(this.all, [start, 0], [size, dim]), tf.slice(this.allTransposed, [0, start], [dim, n - start])),
      (sims) => selectTriangleBlock(sims, start, size, n, this.bank, allowed),
    );
  }

  dispose(): void {
    this.all.dispose();
    this.allTransposed.dispose();
  }
}

/** The banks that saw every block, merged in a fixed order, as sorted lists (re-ranked when the search was projected). */
export function listsFromBanks(banks: TopKBank[], search: BlockSearch, indices: Int32Array, similarities: Float32Array): void {
  const [merged, ...rest] = banks;
  for (const bank of rest) merged.absorb(bank);
  for (let i = 0; i < search.n; i++) {
    merged.writeSorted(i, indices, similarities, i * search.k);
    if (search.exact) rerankRow(indices, similarities, i, search.k, search.exact);
  }
}
