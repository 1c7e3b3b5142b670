/**
 * Keeps the k best (value, id) pairs offered: larger value first, smaller id first among equal
 * values. The result depends only on the set of pairs offered, never on their order, so any split
 * of the work gives the same lists. A binary min-heap whose root is the worst kept pair: a
 * replacement costs O(log k) instead of a scan of all k.
 */
export class TopKSelector {
  private readonly ids: Int32Array;
  private readonly values: Float32Array;
  private size = 0;
  /** The worst kept value once k pairs are kept (−Infinity before). Values are float32 (as read from a Float32Array). */
  floor = -Infinity;

  constructor(private readonly k: number) {
    this.ids = new Int32Array(k);
    this.values = new Float32Array(k);
  }

  reset(): void {
    this.size = 0;
    this.floor = -Infinity;
  }

  /**
   * Offer a pair that beats `floor` (callers test that first, it is the hot path); returns the new
   * floor. A pair equal to the floor only beats it with a smaller id, which a caller scanning ids
   * in increasing order never has, so `value > floor` is the exact test there.
   */
  offer(id: number, value: number): number {
    if (this.size < this.k) {
      this.siftUp(this.size++, id, value);
      if (this.size === this.k) this.floor = this.values[0];
      return this.floor;
    }
    this.siftDown(0, id, value, this.k);
    this.floor = this.values[0];
    return this.floor;
  }

  /** Write the kept pairs best first at `offset` (slots past the kept count are left as they are); empties the selector. */
  writeSorted(indices: Int32Array, similarities: Float32Array, offset: number): void {
    for (let last = this.size - 1; last >= 0; last--) {
      indices[offset + last] = this.ids[0];
      similarities[offset + last] = this.values[0];
      if (last > 0) this.siftDown(0, this.ids[last], this.values[last], last);
    }
    this.reset();
  }

  /** True when pair (idA, a) ranks below (idB, b). */
  private static worse(a: number, idA: number, b: number, idB: number): boolean {
    return a < b || (a === b && idA > idB);
  }

  private siftUp(at: number, id: number, value: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!TopKSelector.worse(value, id, this.values[parent], this.ids[parent])) break;
      this.ids[at] = this.ids[parent];
      this.values[at] = this.values[parent];
      at = parent;
    }
    this.ids[at] = id;
    this.values[at] = value;
  }

  /** Place (id, value) at `at` in a heap of `size` entries and move it down to where it belongs. */
  private siftDown(at: number, id: number, value: number, size: number): void {
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && TopKSelector.worse(this.values[right], this.ids[right], this.values[child], this.ids[child])) child = right;
      if (!TopKSelector.worse(this.values[child], this.ids[child], value, id)) break;
      this.ids[at] = this.ids[child];
      this.values[at] = this.values[child];
      at = child;
    }
    this.ids[at] = id;
    this.values[at] = value;
  }
}

/**
 * Top-k of each row of a block of similarities (`size` rows of `n` columns, the rows of samples
 * start..start+size−1), itself and disallowed columns excluded, written into the lists at row i.
 */
export function selectBlock(
  sims: Float32Array,
  start: number,
  size: number,
  n: number,
  selector: TopKSelector,
  k: number,
  allowed: Uint8Array | undefined,
  indices: Int32Array,
  similarities: Float32Array,
): void {
  for (let r = 0; r < size; r++) {
    const i = start + r;
    const base = r * n;
    let floor = selector.floor;
    for (let j = 0; j < n; j++) {
      const v = sims[base + j];
      if (v > floor && j !== i && (allowed === undefined || allowed[j] !== 0)) floor = selector.offer(j, v);
    }
    selector.writeSorted(indices, similarities, i * k);
  }
}
