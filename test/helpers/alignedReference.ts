// The aligned correlation as first written (branch dupverify, one pass over the pixels per shift
// and summed-area tables rebuilt per pair): kept only to check the fast version gives the same scores.
import { GreyImages } from '../../src/core/factors/alignedCorrelation';

/**
 * The largest Pearson correlation between image `b` and image `a` shifted by up to `maxShift`
 * whole pixels each way, over the pixels the two share at that shift: what a shift pushed out of
 * the frame is in neither, so a shifted copy correlates 1 with its source from either side, and
 * the score is symmetric. Pearson on the pixels themselves, so brightness and contrast do not
 * move it, and fine detail (which tells apart two plain garments of one shape) still counts.
 */
export function referenceAlignedCorrelation(images: GreyImages, a: number, b: number, maxShift = 2): number {
  const { side, data, spans } = images;
  const area = side * side;
  const ao = a * area;
  const bo = b * area;
  const w = side + 1;
  if (scratch.length < 4 * w * w) scratch = new Float64Array(4 * w * w);
  const tableA = scratch.subarray(0, 2 * w * w);
  const tableB = scratch.subarray(2 * w * w, 4 * w * w);
  integralImages(data, ao, side, tableA);
  integralImages(data, bo, side, tableB);
  /** Sum of the values (square 0) or their squares (1) over rows [y0, y1), columns [x0, x1). */
  const windowSum = (t: Float64Array, y0: number, y1: number, x0: number, x1: number, square: number) =>
    t[2 * (y1 * w + x1) + square] - t[2 * (y0 * w + x1) + square] - t[2 * (y1 * w + x0) + square] + t[2 * (y0 * w + x0) + square];
  let best = -1;
  for (let dy = -maxShift; dy <= maxShift; dy++) {
    for (let dx = -maxShift; dx <= maxShift; dx++) {
      // b's pixels in rows [yFrom, yTo), columns [xFrom, xTo) meet a's pixels (y − dy, x − dx).
      const yFrom = Math.max(0, dy);
      const yTo = Math.min(side, side + dy);
      const xFrom = Math.max(0, dx);
      const xTo = Math.min(side, side + dx);
      let sumAB = 0;
      for (let y = yFrom; y < yTo; y++) {
        const ra = ao + (y - dy) * side - dx;
        const rb = bo + y * side;
        // Only where both rows have ink: elsewhere one factor is 0 (half the work on garments on a black ground).
        let from = xFrom;
        let to = xTo;
        if (spans) {
          const sa = 2 * (a * side + y - dy);
          const sb = 2 * (b * side + y);
          from = Math.max(from, spans[sa] + dx, spans[sb]);
          to = Math.min(to, spans[sa + 1] + dx, spans[sb + 1]);
        }
        for (let x = from; x < to; x++) sumAB += data[ra + x] * data[rb + x];
      }
      const count = (yTo - yFrom) * (xTo - xFrom);
      const sumA = windowSum(tableA, yFrom - dy, yTo - dy, xFrom - dx, xTo - dx, 0);
      const sumB = windowSum(tableB, yFrom, yTo, xFrom, xTo, 0);
      const va = windowSum(tableA, yFrom - dy, yTo - dy, xFrom - dx, xTo - dx, 1) - (sumA * sumA) / count;
      const vb = windowSum(tableB, yFrom, yTo, xFrom, xTo, 1) - (sumB * sumB) / count;
      // Every shift is tried: a striped or checked garment has several peaks, and climbing from no shift stopped on the wrong one.
      const r = va > 1e-9 && vb > 1e-9 ? (sumAB - (sumA * sumB) / count) / Math.sqrt(va * vb) : 0;
      if (r > best) best = r;
    }
  }
  return best;
}

/** Reused between calls: one table per pair would cost more than the correlations. */
let scratch = new Float64Array(0);

/** Summed-area tables of the image at `offset` and of its squares, interleaved, (side + 1)² each. */
function integralImages(data: GreyImages['data'], offset: number, side: number, out: Float64Array): void {
  const w = side + 1;
  for (let y = 0; y < side; y++) {
    let row = 0;
    let rowSquares = 0;
    for (let x = 0; x < side; x++) {
      const v = data[offset + y * side + x];
      row += v;
      rowSquares += v * v;
      const k = 2 * ((y + 1) * w + x + 1);
      out[k] = out[k - 2 * w] + row;
      out[k + 1] = out[k + 1 - 2 * w] + rowSquares;
    }
  }
}
