/** An append-only Float64Array that doubles as it fills: column storage without boxed numbers or GC churn. */
export class GrowableFloat64 {
  private data: Float64Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Float64Array(Math.max(16, capacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.grow(1);
    this.data[this.length++] = value;
  }

  /** Append `count` values of `source` from `start` (one copy, no per-value work). */
  pushRange(source: Float64Array, start: number, count: number): void {
    if (this.length + count > this.data.length) this.grow(count);
    this.data.set(source.subarray(start, start + count), this.length);
    this.length += count;
  }

  private grow(atLeast: number): void {
    // Past 128 MB grow by a quarter: a row-count estimate that fell a little short should not double the memory.
    const factor = this.data.length > 1 << 24 ? 1.25 : 2;
    const bigger = new Float64Array(Math.max(Math.ceil(this.data.length * factor), this.length + atLeast));
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }

  /** The values so far (a view: no copy of a column that may be hundreds of MB). */
  toArray(): Float64Array {
    return this.data.subarray(0, this.length);
  }
}
