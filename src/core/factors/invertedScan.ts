import * as tf from '@tensorflow/tfjs-core';
import { withFloatValues } from '../model/tensorView';
import type { InvertedIndex } from './invertedIndex';
import { TopKBank } from './topKBank';

/**
 * The block products of an inverted index: list a's queries against the members of each list it
 * probes, one product per probed list. A pair found from list a is offered to the query i, and to
 * the member j too (when i is allowed) unless j's list probes a: then j's own product offers it.
 * Every pair thus reaches each row's bank at most once whatever split of the lists ran it, and
 * the same list always gives the same products, so merged banks give the same lists.
 */
export class InvertedSearcher {
  /**
   * Each list's members, transposed (the wasm backend's matMul with transposeB is much slower),
   * made when first probed. One tensor per list: slicing columns out of one wide tensor made the
   * wasm backend read the whole tensor back each time.
   */
  private readonly memberTensors: Array<tf.Tensor2D | undefined>;

  constructor(
    private readonly index: InvertedIndex,
    private readonly dim: number,
    private readonly bank: TopKBank,
    private readonly allowed: Uint8Array | undefined,
  ) {
    this.memberTensors = new Array(index.lists).fill(undefined);
  }

  /** Offer every pair of the queries of lists from..to−1 with their probed lists' members. */
  run(from: number, to: number): void {
    const { queryOffsets, offsets, probeLists, probes } = this.index;
    for (let a = from; a < to; a++) {
      const qStart = queryOffsets[a];
      const qSize = queryOffsets[a + 1] - qStart;
      if (qSize === 0) continue;
      const queryRows = tf.tensor2d(this.index.queryRows.subarray(qStart * this.dim, (qStart + qSize) * this.dim), [qSize, this.dim]);
      try {
        for (let p = 0; p < probes; p++) {
          const b = probeLists[a * probes + p];
          const mStart = offsets[b];
          const mSize = offsets[b + 1] - mStart;
          if (mSize === 0) continue;
          const members = this.members(b);
          withFloatValues(
            () => tf.matMul(queryRows, members),
            (sims) => this.select(sims, a, qStart, qSize, b, mStart, mSize),
          );
        }
      } finally {
        queryRows.dispose();
      }
    }
  }

  private members(list: number): tf.Tensor2D {
    const { offsets, memberRows } = this.index;
    let tensor = this.memberTensors[list];
    if (tensor === undefined) {
      const rows = memberRows.subarray(offsets[list] * this.dim, offsets[list + 1] * this.dim);
      tensor = tf.tidy(() => tf.transpose(tf.tensor2d(rows, [offsets[list + 1] - offsets[list], this.dim])));
      this.memberTensors[list] = tensor;
    }
    return tensor;
  }

  private select(sims: Float32Array, a: number, qStart: number, qSize: number, b: number, mStart: number, mSize: number): void {
    const { queries, members, probed, lists } = this.index;
    const { bank, allowed } = this;
    const floors = bank.floors;
    const mirrorList = probed[b * lists + a] === 0;
    for (let r = 0; r < qSize; r++) {
      const i = queries[qStart + r];
      const mirrored = mirrorList && (allowed === undefined || allowed[i] !== 0);
      let floor = floors[i];
      const base = r * mSize;
      for (let c = 0; c < mSize; c++) {
        const v = sims[base + c];
        const j = members[mStart + c];
        if (v >= floor && j !== i) {
          bank.offer(i, j, v);
          floor = floors[i];
        }
        if (mirrored && v >= floors[j]) bank.offer(j, i, v);
      }
    }
  }

  dispose(): void {
    for (const tensor of this.memberTensors) tensor?.dispose();
  }
}
