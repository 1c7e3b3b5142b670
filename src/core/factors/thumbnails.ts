import { ImageLayout } from './imageLayout';

/** Thumbnails are at most about this many pixels on a side. */
const THUMBNAIL_SIDE = 14;

export interface Thumbnails {
  side: number;
  /** n x side², each row zero-mean and unit length (all zeros for a flat image). */
  data: Float32Array;
}

/**
 * Small grayscale thumbnails by block averaging, each centred and scaled to unit length: averaging
 * blurs away pixel noise, JPEG blocking and resampling, and centring plus scaling cancels any
 * brightness and contrast change, so only the picture's shape is left to compare.
 */
export function grayThumbnails(pixels: Float32Array, n: number, layout: ImageLayout): Thumbnails {
  const { side, channels } = layout;
  const factor = Math.max(1, Math.floor(side / THUMBNAIL_SIDE));
  const small = Math.floor(side / factor);
  const area = small * small;
  const data = new Float32Array(n * area);
  const width = side * side * channels;
  for (let i = 0; i < n; i++) {
    const row = i * width;
    const out = i * area;
    for (let y = 0; y < small; y++) {
      for (let x = 0; x < small; x++) {
        let sum = 0;
        for (let dy = 0; dy < factor; dy++) {
          const base = row + ((y * factor + dy) * side + x * factor) * channels;
          for (let k = 0; k < factor * channels; k++) sum += pixels[base + k];
        }
        data[out + y * small + x] = sum;
      }
    }
    normaliseRow(data, out, area);
  }
  return { side: small, data };
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
