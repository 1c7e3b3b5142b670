// The independent yardstick for near-duplicate precision: how different two 28 × 28 grey images
// are once the two things augmentation does most (a shift of up to 2 px and an affine change of
// brightness/contrast) are undone. It shares nothing with the audit's scorer (no thumbnails, no
// correlation, no candidates): least squares on the raw pixels, minimised over 25 shifts.

export const MAX_SHIFT = 2;
/**
 * Of 255: a pair this close once aligned counts as a variant of one record. On planted Fashion
 * copies the residual is 2–7 for JPEG q = 75 and noise σ = 8, median 6–7 for the combined type,
 * 8–12 for noise σ = 16 (docs/VALIDATION.md): 8 is what mild re-encoding or noise leaves, no more.
 */
export const TRUE_PAIR_MAX_DIFFERENCE = 8;

/**
 * Mean absolute residual (on a 0–255 scale) of b ≈ gain · shift(a) + offset, at the best shift
 * |dx|, |dy| ≤ MAX_SHIFT (pixels shifted in from outside are 0, as a shifted copy has them).
 * `a` and `b` are width × height rows of grey levels on a 0–255 scale.
 */
export function alignedPixelDifference(a: ArrayLike<number>, b: ArrayLike<number>, width: number, height: number): number {
  const size = width * height;
  const moved = new Float64Array(size);
  let best = Infinity;
  for (let dy = -MAX_SHIFT; dy <= MAX_SHIFT; dy++) {
    for (let dx = -MAX_SHIFT; dx <= MAX_SHIFT; dx++) {
      moved.fill(0);
      for (let y = 0; y < height; y++) {
        const sy = y - dy;
        if (sy < 0 || sy >= height) continue;
        for (let x = 0; x < width; x++) {
          const sx = x - dx;
          if (sx >= 0 && sx < width) moved[y * width + x] = a[sy * width + sx];
        }
      }
      best = Math.min(best, affineResidual(moved, b, size));
    }
  }
  return best;
}

/** Mean |b − (gain · a + offset)| with gain and offset fitted by least squares (gain ≥ 0). */
function affineResidual(a: Float64Array, b: ArrayLike<number>, size: number): number {
  let ma = 0;
  let mb = 0;
  for (let p = 0; p < size; p++) {
    ma += a[p];
    mb += b[p];
  }
  ma /= size;
  mb /= size;
  let cov = 0;
  let va = 0;
  for (let p = 0; p < size; p++) {
    cov += (a[p] - ma) * (b[p] - mb);
    va += (a[p] - ma) ** 2;
  }
  const gain = va > 0 ? Math.max(0, cov / va) : 0;
  const offset = mb - gain * ma;
  let sum = 0;
  for (let p = 0; p < size; p++) sum += Math.abs(b[p] - gain * a[p] - offset);
  return sum / size;
}
