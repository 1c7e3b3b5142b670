/**
 * Mean and population standard deviation of every column of a row-major block (missing values
 * are NaN and skipped), in two sequential passes: strided per-column passes over a block of
 * hundreds of MB would miss the cache on every value.
 */
export function blockMeanStd(values: ArrayLike<number>, width: number): { mean: Float64Array; std: Float64Array } {
  const rows = values.length / width;
  const sum = new Float64Array(width);
  const count = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) {
      const v = values[base + j];
      if (v === v) {
        sum[j] += v;
        count[j]++;
      }
    }
  }
  const mean = sum.map((s, j) => (count[j] ? s / count[j] : 0));
  const squares = new Float64Array(width);
  for (let i = 0; i < rows; i++) {
    const base = i * width;
    for (let j = 0; j < width; j++) {
      const v = values[base + j];
      if (v === v) squares[j] += (v - mean[j]) ** 2;
    }
  }
  return { mean, std: squares.map((s, j) => (count[j] ? Math.sqrt(s / count[j]) : 0)) };
}
