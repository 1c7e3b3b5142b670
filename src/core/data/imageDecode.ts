import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

/** An image as RGBA bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export function decodeImage(bytes: Buffer, extension: string): RgbaImage {
  if (extension === '.png') {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length) };
  }
  const decoded = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxMemoryUsageInMB: 512 });
  return { width: decoded.width, height: decoded.height, data: decoded.data };
}

export function isGrayscale(image: RgbaImage): boolean {
  const d = image.data;
  for (let p = 0; p < d.length; p += 4) if (d[p] !== d[p + 1] || d[p] !== d[p + 2]) return false;
  return true;
}

/**
 * Area-average resize so the longest side is `size`, centred on a size x size black canvas,
 * scaled to [0,1]. `channels` is 1 (luma) or 3 (RGB). Returns size*size*channels values, HWC.
 */
export function resizeToSquare(image: RgbaImage, size: number, channels: 1 | 3): Float32Array {
  const out = new Float32Array(size * size * channels);
  const scale = Math.max(image.width, image.height) / size;
  const outW = Math.max(1, Math.round(image.width / scale));
  const outH = Math.max(1, Math.round(image.height / scale));
  const offX = Math.floor((size - outW) / 2);
  const offY = Math.floor((size - outH) / 2);
  for (let oy = 0; oy < outH; oy++) {
    const y0 = Math.floor((oy * image.height) / outH);
    const y1 = Math.max(y0 + 1, Math.floor(((oy + 1) * image.height) / outH));
    for (let ox = 0; ox < outW; ox++) {
      const x0 = Math.floor((ox * image.width) / outW);
      const x1 = Math.max(x0 + 1, Math.floor(((ox + 1) * image.width) / outW));
      const sums = [0, 0, 0];
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = (y * image.width + x) * 4;
          sums[0] += image.data[p];
          sums[1] += image.data[p + 1];
          sums[2] += image.data[p + 2];
        }
      }
      const count = (y1 - y0) * (x1 - x0) * 255;
      const at = ((oy + offY) * size + (ox + offX)) * channels;
      if (channels === 1) out[at] = (0.299 * sums[0] + 0.587 * sums[1] + 0.114 * sums[2]) / count;
      else for (let c = 0; c < 3; c++) out[at + c] = sums[c] / count;
    }
  }
  return out;
}
