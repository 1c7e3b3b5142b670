import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';


const FASHION = '/usr/share/datasets/fashion-mnist';
const CLASSES = ['tshirt', 'trouser', 'pullover', 'dress', 'coat', 'sandal', 'shirt', 'sneaker', 'bag', 'boot'];

export interface GrayImage {
  width: number;
  height: number;
  /** 0..255, row-major. */
  pixels: Uint8Array;
}

/** The first `count` Fashion-MNIST training (or test: split 't10k') images (28x28) with their labels. */
export function readFashion(count: number, split: 'train' | 't10k' = 'train'): Array<{ image: GrayImage; label: number }> {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, `${split}-images-idx3-ubyte.gz`)));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, `${split}-labels-idx1-ubyte.gz`)));
  return Array.from({ length: count }, (_, i) => ({
    image: { width: 28, height: 28, pixels: Uint8Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784)) },
    label: labels[8 + i],
  }));
}

const clamp = (v: number) => Math.max(0, Math.min(255, Math.round(v)));

export function shifted(image: GrayImage, dx: number, dy: number): GrayImage {
  const { width, height } = image;
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      const sy = y - dy;
      if (sx >= 0 && sx < width && sy >= 0 && sy < height) pixels[y * width + x] = image.pixels[sy * width + sx];
    }
  }
  return { width, height, pixels };
}

export function brightnessContrast(image: GrayImage, gain: number, offset: number): GrayImage {
  return { ...image, pixels: image.pixels.map((v) => clamp(gain * v + offset)) };
}

export function gaussianNoise(image: GrayImage, sigma: number, random: () => number): GrayImage {
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return { ...image, pixels: image.pixels.map((v) => clamp(v + sigma * gaussian())) };
}

/** Bilinear resampling to another size (the loader resizes it back). */
export function resized(image: GrayImage, width: number, height: number): GrayImage {
  const pixels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const fx = Math.min(image.width - 1, Math.max(0, ((x + 0.5) * image.width) / width - 0.5));
      const fy = Math.min(image.height - 1, Math.max(0, ((y + 0.5) * image.height) / height - 0.5));
      const x0 = Math.floor(fx);
      const y0 = Math.floor(fy);
      const x1 = Math.min(image.width - 1, x0 + 1);
      const y1 = Math.min(image.height - 1, y0 + 1);
      const at = (xx: number, yy: number) => image.pixels[yy * image.width + xx];
      const top = at(x0, y0) * (1 - (fx - x0)) + at(x1, y0) * (fx - x0);
      const bottom = at(x0, y1) * (1 - (fx - x0)) + at(x1, y1) * (fx - x0);
      pixels[y * width + x] = clamp(top * (1 - (fy - y0)) + bottom * (fy - y0));
    }
  }
  return { width, height, pixels };
}

function rgba(image: GrayImage): Buffer {
  const data = Buffer.alloc(image.width * image.height * 4);
  image.pixels.forEach((v, k) => {
    data[4 * k] = v;
    data[4 * k + 1] = v;
    data[4 * k + 2] = v;
    data[4 * k + 3] = 255;
  });
  return data;
}

export function writePng(file: string, image: GrayImage): void {
  const png = new PNG({ width: image.width, height: image.height });
  rgba(image).copy(png.data);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(png));
}

export function writeJpeg(file: string, image: GrayImage, quality: number): void {
  const encoded = jpeg.encode({ width: image.width, height: image.height, data: rgba(image) }, quality);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, encoded.data);
}

/** The image-folder path of sample `id` with label `label` (the loader's id is the relative path). */
export function folderPath(root: string, label: number, name: string): string {
  return path.join(root, CLASSES[label], name);
}
