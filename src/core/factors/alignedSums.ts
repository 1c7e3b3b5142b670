import type { GreyImages } from './alignedCorrelation';

/*
 * The sums the aligned correlation is made of, split by what they depend on: the sums of the
 * pixels and of their squares over each crop a shift leaves depend on one image only (computed once
 * per image), so per pair only the cross sums Σ a·b remain, all shifts from one pass per row pair.
 * On grey bytes every sum is an integer below 2^53, so each is exact whatever the order of adding.
 */

/** Shifts tried each way → (2·maxShift + 1)² crops, each with [sum, sum of squares]. */
export function momentsLength(maxShift: number): number {
  const lags = 2 * maxShift + 1;
  return 2 * lags * lags;
}

/**
 * Into out[at …]: for each shift (dx, dy) of up to maxShift, at 2·((dy + s)·L + dx + s), the sum of
 * image i's pixels and of their squares over rows [max(0, dy), side + min(0, dy)) and the same
 * columns in x: the pixels image b keeps at that shift, and image a keeps at (−dx, −dy).
 */
export function cropMoments(images: GreyImages, i: number, maxShift: number, out: Float64Array, at: number): void {
  const { side, data } = images;
  const w = side + 1;
  if (tableSums.length < w * w) {
    tableSums = new Float64Array(w * w);
    tableSquares = new Float64Array(w * w);
  }
  const base = i * side * side;
  for (let y = 0; y < side; y++) {
    let row = 0;
    let rowSquares = 0;
    for (let x = 0; x < side; x++) {
      const v = data[base + y * side + x];
      row += v;
      rowSquares += v * v;
      const k = (y + 1) * w + x + 1;
      tableSums[k] = tableSums[k - w] + row;
      tableSquares[k] = tableSquares[k - w] + rowSquares;
    }
  }
  let q = at;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    const top = Math.max(0, dy) * w;
    const bottom = (side + Math.min(0, dy)) * w;
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      const left = Math.max(0, dx);
      const right = side + Math.min(0, dx);
      out[q++] = tableSums[bottom + right] - tableSums[top + right] - tableSums[bottom + left] + tableSums[top + left];
      out[q++] = tableSquares[bottom + right] - tableSquares[top + right] - tableSquares[bottom + left] + tableSquares[top + left];
    }
  }
}

/** Summed-area tables (row 0 and column 0 stay 0), reused: one allocation per image would cost more than the sums. */
let tableSums = new Float64Array(0);
let tableSquares = new Float64Array(0);

/** Every image's crop moments (see cropMoments), momentsLength(maxShift) values per image. */
export function allCropMoments(images: GreyImages, n: number, maxShift: number): Float64Array {
  const size = momentsLength(maxShift);
  const out = new Float64Array(n * size);
  for (let i = 0; i < n; i++) cropMoments(images, i, maxShift, out, i * size);
  return out;
}

/** Image a's rows with maxShift zeros either side, side × (side + 2·maxShift), so a shifted row reads 0 off the frame. */
export function padRows(images: GreyImages, a: number, maxShift: number, out: Float64Array): void {
  const { side, data } = images;
  const w = side + 2 * maxShift;
  out.fill(0, 0, side * w);
  for (let y = 0; y < side; y++) {
    const from = a * side * side + y * side;
    for (let x = 0; x < side; x++) out[y * w + maxShift + x] = data[from + x];
  }
}

/**
 * Into out[(dy + s)·L + dx + s]: Σ b(x, y)·a(x − dx, y − dy) over the pixels both frames hold, for
 * every shift: `padded` is image a from padRows. Only the columns where one of the shifted a rows
 * and the b row have ink are read (elsewhere every product is 0).
 */
export function crossSums(images: GreyImages, padded: Float64Array, a: number, b: number, maxShift: number, out: Float64Array): void {
  const { side, data, spans } = images;
  const lags = 2 * maxShift + 1;
  const w = side + 2 * maxShift;
  out.fill(0, 0, lags * lags);
  for (let yb = 0; yb < side; yb++) {
    const sb = 2 * (b * side + yb);
    const bFrom = spans ? spans[sb] : 0;
    const bTo = spans ? spans[sb + 1] : side;
    if (bFrom >= bTo) continue;
    const rb = b * side * side + yb * side;
    for (let dy = Math.max(-maxShift, yb - side + 1); dy <= Math.min(maxShift, yb); dy++) {
      const ya = yb - dy;
      const sa = 2 * (a * side + ya);
      const from = spans ? Math.max(bFrom, spans[sa] - maxShift) : 0;
      const to = spans ? Math.min(bTo, spans[sa + 1] + maxShift) : side;
      if (spans && spans[sa] >= spans[sa + 1]) continue;
      const row = (dy + maxShift) * lags + maxShift;
      const pa = ya * w + maxShift;
      if (maxShift === 2) shiftedRowSums5(padded, pa, data, rb, from, to, out, row);
      else {
        for (let dx = -maxShift; dx <= maxShift; dx++) {
          // b's column x meets a's column x − dx, at padded[pa + x − dx].
          let sum = 0;
          for (let x = from; x < to; x++) sum += padded[pa - dx + x] * data[rb + x];
          out[row + dx] += sum;
        }
      }
    }
  }
}

/**
 * The default ±2 px in one pass over the row: the five a pixels b's column x meets slide along in
 * locals, so each x loads two values for five products (three times fewer loads than a pass per shift).
 */
function shiftedRowSums5(padded: Float64Array, pa: number, data: GreyImages['data'], rb: number, from: number, to: number, out: Float64Array, row: number): void {
  // a's columns x + 2 … x − 2, for the shifts dx = −2 … 2.
  let v0 = padded[pa + from - 2];
  let v1 = padded[pa + from - 1];
  let v2 = padded[pa + from];
  let v3 = padded[pa + from + 1];
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let s4 = 0;
  for (let x = from; x < to; x++) {
    const v4 = padded[pa + x + 2];
    const bv = data[rb + x];
    s0 += v4 * bv;
    s1 += v3 * bv;
    s2 += v2 * bv;
    s3 += v1 * bv;
    s4 += v0 * bv;
    v0 = v1;
    v1 = v2;
    v2 = v3;
    v3 = v4;
  }
  out[row - 2] += s0;
  out[row - 1] += s1;
  out[row] += s2;
  out[row + 1] += s3;
  out[row + 2] += s4;
}

/**
 * The best Pearson correlation over the shifts, from the pair's cross sums and each image's crop
 * moments (a's at `ma[at …]`, b's at `mb[bt …]`); a shift where either crop is flat scores 0.
 */
export function bestCorrelation(cross: Float64Array, ma: Float64Array, at: number, mb: Float64Array, bt: number, side: number, maxShift: number): number {
  const lags = 2 * maxShift + 1;
  let best = -1;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      const qb = bt + 2 * ((dy + maxShift) * lags + dx + maxShift);
      const qa = at + 2 * ((maxShift - dy) * lags + maxShift - dx);
      const count = (side - Math.abs(dy)) * (side - Math.abs(dx));
      const sumA = ma[qa];
      const sumB = mb[qb];
      const va = ma[qa + 1] - (sumA * sumA) / count;
      const vb = mb[qb + 1] - (sumB * sumB) / count;
      const sumAB = cross[(dy + maxShift) * lags + dx + maxShift];
      const r = va > 1e-9 && vb > 1e-9 ? (sumAB - (sumA * sumB) / count) / Math.sqrt(va * vb) : 0;
      if (r > best) best = r;
    }
  }
  return best;
}
