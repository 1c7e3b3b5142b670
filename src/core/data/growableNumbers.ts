export type NumberArray = Float32Array | Float64Array;

/**
 * An append-only typed array that grows as it fills: column storage without boxed numbers or GC
 * churn. Made with `float32WhileExact`, it keeps Float32 (half the memory) while every value is
 * exactly a float32 (pixels, counts, small integers) and turns into Float64 at the first value
 * that is not, so no value is ever rounded.
 */
export class GrowableNumbers {
  private data: NumberArray;
  length = 0;

  constructor(capacity = 1024, float32WhileExact = false) {
    const size = Math.max(16, capacity);
    this.data = float32WhileExact ? new Float32Array(size) : new Float64Array(size);
  }

  /** Values written into `target` from its start (shared memory another thread reads); widening or growing leaves it. */
  static over(target: Float32Array): GrowableNumbers {
    const numbers = new GrowableNumbers(16, true);
    numbers.data = target;
    return numbers;
  }

  get isFloat32(): boolean {
    return this.data instanceof Float32Array;
  }

  push(value: number): void {
    if (this.data instanceof Float32Array && value === value && Math.fround(value) !== value) this.widen();
    if (this.length === this.data.length) this.grow(1);
    this.data[this.length++] = value;
  }

  /** Append `count` values of `source` from `start` in one copy. */
  pushRange(source: Float64Array, start: number, count: number): void {
    if (this.data instanceof Float32Array) {
      for (let k = start; k < start + count; k++) {
        const v = source[k];
        if (v === v && Math.fround(v) !== v) {
          this.widen();
          break;
        }
      }
    }
    if (this.length + count > this.data.length) this.grow(count);
    this.data.set(source.subarray(start, start + count), this.length);
    this.length += count;
  }

  /**
   * Append `count` values of `source` from `start` unless one is NaN (then nothing is appended and
   * the result is false): the check, the float32 test and the copy in one pass.
   */
  pushRangeUnlessNaN(source: Float64Array, start: number, count: number): boolean {
    if (this.length + count > this.data.length) this.grow(count);
    const data = this.data;
    const at = this.length - start;
    if (data instanceof Float32Array) {
      for (let k = start; k < start + count; k++) {
        const v = source[k];
        if (v !== v) return false;
        data[at + k] = v;
        if (data[at + k] !== v) {
          // Not a float32: widen what is already kept and copy the range again.
          this.widen();
          return this.pushRangeUnlessNaN(source, start, count);
        }
      }
    } else {
      for (let k = start; k < start + count; k++) {
        const v = source[k];
        if (v !== v) return false;
        data[at + k] = v;
      }
    }
    this.length += count;
    return true;
  }

  /** The values so far (a view: no copy of a column that may be hundreds of MB). */
  toArray(): NumberArray {
    return this.data.subarray(0, this.length);
  }

  private widen(): void {
    const wide = new Float64Array(this.data.length);
    wide.set(this.data.subarray(0, this.length));
    this.data = wide;
  }

  private grow(atLeast: number): void {
    // Past 16M values grow by a quarter: a row-count estimate that fell a little short should not double the memory.
    const factor = this.data.length > 1 << 24 ? 1.25 : 2;
    const size = Math.max(Math.ceil(this.data.length * factor), this.length + atLeast);
    const bigger = this.data instanceof Float32Array ? new Float32Array(size) : new Float64Array(size);
    bigger.set(this.data.subarray(0, this.length));
    this.data = bigger;
  }
}
