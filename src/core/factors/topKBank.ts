/** The arrays of a bank: plain or shared memory (a worker fills its own bank in place). */
export interface TopKBankArrays {
  ids: Int32Array;
  values: Float32Array;
  /** Pairs kept per row. */
  sizes: Int32Array;
  /** Per row, the worst kept value once k pairs are kept (−Infinity before). */
  floors: Float32Array;
}

/** A bank's arrays for `rows` rows of `k` pairs, in shared memory when `shared`. */
export function bankArrays(rows: number, k: number, shared: boolean): TopKBankArrays {
  const buffer = (bytes: number) => (shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  return {
    ids: new Int32Array(buffer(rows * k * 4)),
    values: new Float32Array(buffer(rows * k * 4)),
    sizes: new Int32Array(buffer(rows * 4)),
    floors: new Float32Array(buffer(rows * 4)).fill(-Infinity),
  };
}

/** One bank per search worker in shared memory; each worker claims the next through `claimed`. */
export interface SharedBanks {
  banks: TopKBankArrays[];
  /** [0]: banks claimed so far. */
  claimed: Int32Array;
}

export function sharedBanks(workers: number, rows: number, k: number): SharedBanks {
  return { banks: Array.from({ length: workers }, () => bankArrays(rows, k, true)), claimed: new Int32Array(new SharedArrayBuffer(4)) };
}

/** In a worker: the next unclaimed bank of `shared`. */
export function claimBank(rows: number, k: number, shared: SharedBanks): TopKBank {
  return new TopKBank(rows, k, shared.banks[Atomics.add(shared.claimed, 0, 1)]);
}

/**
 * For each of many rows, the k best (value, id) pairs offered: larger value first, smaller id
 * first among equal values. A row's result depends only on the set of pairs offered to it, never
 * on their order, so any split of the work (and a merge of the parts) gives the same lists. Each
 * row is a binary min-heap whose root is its worst kept pair.
 */
export class TopKBank {
  readonly floors: Float32Array;
  private readonly ids: Int32Array;
  private readonly values: Float32Array;
  private readonly sizes: Int32Array;

  constructor(
    readonly rows: number,
    readonly k: number,
    arrays: TopKBankArrays = bankArrays(rows, k, false),
  ) {
    ({ ids: this.ids, values: this.values, sizes: this.sizes, floors: this.floors } = arrays);
  }

  /**
   * Offer (id, value) to `row`. Callers test `value >= floors[row]` first (the hot path); a pair
   * equal to the floor is kept only if its id is smaller than the worst kept pair's.
   */
  offer(row: number, id: number, value: number): void {
    const base = row * this.k;
    const size = this.sizes[row];
    if (size < this.k) {
      this.siftUp(base, size, id, value);
      this.sizes[row] = size + 1;
      if (size + 1 === this.k) this.floors[row] = this.values[base];
      return;
    }
    if (!worse(this.values[base], this.ids[base], value, id)) return;
    this.siftDown(base, 0, id, value, this.k);
    this.floors[row] = this.values[base];
  }

  /** Every pair kept in `other` offered here, row by row. */
  absorb(other: TopKBank): void {
    for (let row = 0; row < this.rows; row++) {
      const base = row * this.k;
      for (let s = 0; s < other.sizes[row]; s++) {
        const value = other.values[base + s];
        if (value >= this.floors[row]) this.offer(row, other.ids[base + s], value);
      }
    }
  }

  /** Write row's kept pairs best first at `offset` (slots past the kept count are left as they are); empties the row. */
  writeSorted(row: number, indices: Int32Array, similarities: Float32Array, offset: number): void {
    const base = row * this.k;
    for (let last = this.sizes[row] - 1; last >= 0; last--) {
      indices[offset + last] = this.ids[base];
      similarities[offset + last] = this.values[base];
      if (last > 0) this.siftDown(base, 0, this.ids[base + last], this.values[base + last], last);
    }
    this.sizes[row] = 0;
    this.floors[row] = -Infinity;
  }

  private siftUp(base: number, at: number, id: number, value: number): void {
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!worse(value, id, this.values[base + parent], this.ids[base + parent])) break;
      this.ids[base + at] = this.ids[base + parent];
      this.values[base + at] = this.values[base + parent];
      at = parent;
    }
    this.ids[base + at] = id;
    this.values[base + at] = value;
  }

  /** Place (id, value) at `at` in a heap of `size` entries and move it down to where it belongs. */
  private siftDown(base: number, at: number, id: number, value: number, size: number): void {
    for (;;) {
      let child = 2 * at + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && worse(this.values[base + right], this.ids[base + right], this.values[base + child], this.ids[base + child])) child = right;
      if (!worse(this.values[base + child], this.ids[base + child], value, id)) break;
      this.ids[base + at] = this.ids[base + child];
      this.values[base + at] = this.values[base + child];
      at = child;
    }
    this.ids[base + at] = id;
    this.values[base + at] = value;
  }
}

/** True when pair (idA, a) ranks below (idB, b). */
function worse(a: number, idA: number, b: number, idB: number): boolean {
  return a < b || (a === b && idA > idB);
}

/**
 * Columns whose lists are updated together: their heaps stay in cache while a tile is read, and
 * each row's stretch of a tile is long enough for the prefetcher (60k rows, one thread: 30.7 CPU s
 * with 32 columns, 17.8 with 512, 17.4 with 1024, 20.2 with 2048).
 */
const COLUMN_TILE = 512;

/**
 * One block of the upper triangle of a symmetric similarity matrix: `sims` holds rows
 * start..start+size−1 against columns start..n−1. Each pair i < j is read once and offered to both
 * rows (j to i when j is allowed, i to j when i is allowed); itself is never offered. The block is
 * read a tile of columns at a time: row by row over all columns, each column-side offer landed in
 * another row's heap, mostly outside the cache (twice the time of the whole selection now).
 */
export function selectTriangleBlock(sims: Float32Array, start: number, size: number, n: number, bank: TopKBank, allowed: Uint8Array | undefined): void {
  const cols = n - start;
  const floors = bank.floors;
  for (let tile = start + 1; tile < n; tile += COLUMN_TILE) {
    const tileEnd = Math.min(n, tile + COLUMN_TILE);
    for (let r = 0; r < size; r++) {
      const i = start + r;
      if (i + 1 >= tileEnd) break;
      const rowAllowed = allowed === undefined || allowed[i] !== 0;
      const base = r * cols - start;
      let rowFloor = floors[i];
      for (let j = Math.max(tile, i + 1); j < tileEnd; j++) {
        const v = sims[base + j];
        if (v >= rowFloor && (allowed === undefined || allowed[j] !== 0)) {
          bank.offer(i, j, v);
          rowFloor = floors[i];
        }
        if (v >= floors[j] && rowAllowed) bank.offer(j, i, v);
      }
    }
  }
}
