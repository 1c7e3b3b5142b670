import { ImageLayout } from './imageLayout';

/** Thumbnails are at most about this many pixels on a side. */
const THUMBNAIL_SIDE = 14;

export interface Thumbnails {
  side: number;
  /** n x side², each row zero-mean and unit length (all zeros for a flat image). */
  data: Float32Array;
}

/**
 * Small grayscale thumbnails, each centred on the image's centre of mass and scaled to unit
 * length. Centring on the centre of mass (sub-pixel, bilinear) undoes a shift of the picture
 * whatever its size, which a search over whole thumbnail pixels cannot do for a one-pixel shift;
 * block averaging blurs away pixel noise, JPEG blocking and resampling; centring and scaling the
 * values cancels brightness and contrast, so only the picture's shape is left to compare.
 */
export function grayThumbnails(pixels: Float32Array, n: number, layout: ImageLayout): Thumbnails {
  const { side } = layout;
  const factor = Math.max(1, Math.floor(side / THUMBNAIL_SIDE));
  const small = Math.floor(side / factor);
  const area = small * small;
  const data = new Float32Array(n * area);
  const gray = new Float32Array(side * side);
  for (let i = 0; i < n; i++) {
    grayImage(pixels, i, layout, gray);
    const [dx, dy] = centreOfMassOffset(gray, side);
    const out = i * area;
    for (let y = 0; y < small; y++) {
      for (let x = 0; x < small; x++) {
        let sum = 0;
        for (let by = 0; by < factor; by++) {
          for (let bx = 0; bx < factor; bx++) sum += bilinear(gray, side, x * factor + bx + dx, y * factor + by + dy);
        }
        data[out + y * small + x] = sum;
      }
    }
    normaliseRow(data, out, area);
  }
  return { side: small, data };
}

/** Image i as gray values above its darkest pixel. */
function grayImage(pixels: Float32Array, i: number, { side, channels }: ImageLayout, out: Float32Array): void {
  const base = i * side * side * channels;
  let min = Infinity;
  for (let p = 0; p < side * side; p++) {
    let v = 0;
    for (let c = 0; c < channels; c++) v += pixels[base + p * channels + c];
    out[p] = v / channels;
    if (out[p] < min) min = out[p];
  }
  for (let p = 0; p < side * side; p++) out[p] -= min;
}

/**
 * How far the centre of mass of the brighter-than-average pixels sits from the image centre, in
 * pixels (0 for a flat image). Above the mean: brightness and contrast scale those weights without
 * moving their centre, and the faint pixels that noise adds to a dark background do not count.
 */
function centreOfMassOffset(gray: Float32Array, side: number): [number, number] {
  let mean = 0;
  for (let p = 0; p < side * side; p++) mean += gray[p];
  mean /= side * side;
  let mass = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const v = Math.max(0, gray[y * side + x] - mean);
      mass += v;
      sx += v * x;
      sy += v * y;
    }
  }
  if (mass <= 0) return [0, 0];
  const centre = (side - 1) / 2;
  return [sx / mass - centre, sy / mass - centre];
}

/** Bilinear sample at (x, y); outside the frame counts as the background, 0. */
function bilinear(gray: Float32Array, side: number, x: number, y: number): number {
  const x0 = Math.floor(x);
  const y0 = Math.floor(y);
  const fx = x - x0;
  const fy = y - y0;
  return (
    (pixelAt(gray, side, x0, y0) * (1 - fx) + pixelAt(gray, side, x0 + 1, y0) * fx) * (1 - fy) +
    (pixelAt(gray, side, x0, y0 + 1) * (1 - fx) + pixelAt(gray, side, x0 + 1, y0 + 1) * fx) * fy
  );
}

// A top-level function, not a closure per call: the closure was half the thumbnails' time.
function pixelAt(gray: Float32Array, side: number, x: number, y: number): number {
  return x >= 0 && x < side && y >= 0 && y < side ? gray[y * side + x] : 0;
}

function normaliseRow(data: Float32Array, offset: number, length: number): void {
  let mean = 0;
  for (let k = 0; k < length; k++) mean += data[offset + k];
  mean /= length;
  let norm = 0;
  for (let k = 0; k < length; k++) {
    const v = data[offset + k] - mean;
    data[offset + k] = v;
    norm += v * v;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let k = 0; k < length; k++) data[offset + k] *= scale;
}
