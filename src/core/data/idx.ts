import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { InputError } from '../errors';
import { contentHash } from './hash';
import { PixelSamples } from './pixelTable';

const IMAGES_MAGIC = 2051;
const LABELS_MAGIC = 2049;

/** The images file of an IDX pair: the path itself, or train-images-idx3-ubyte[.gz] in a folder. */
export function idxImagesPath(target: string): string {
  if (!fs.statSync(target).isDirectory()) return target;
  const found = ['train-images-idx3-ubyte.gz', 'train-images-idx3-ubyte'].map((f) => path.join(target, f)).find((f) => fs.existsSync(f));
  if (!found) throw new InputError('no train-images-idx3-ubyte[.gz] in this folder', target);
  return found;
}

export function isIdxImages(file: string): boolean {
  return /images-idx3-ubyte(\.gz)?$/.test(path.basename(file));
}

/** MNIST-style IDX images (idx3) with the labels file beside them (idx1); pixels scaled to [0,1]. */
export function readIdx(imagesFile: string, options: { limit?: number }): PixelSamples {
  const labelsFile = imagesFile.replace('images-idx3', 'labels-idx1');
  if (!fs.existsSync(labelsFile)) throw new InputError(`the labels file ${path.basename(labelsFile)} is not next to the images`, imagesFile);
  const images = readMaybeGzip(imagesFile);
  const labels = readMaybeGzip(labelsFile);
  if (images.readUInt32BE(0) !== IMAGES_MAGIC) throw new InputError('not an IDX images file (bad magic number)', imagesFile);
  if (labels.readUInt32BE(0) !== LABELS_MAGIC) throw new InputError('not an IDX labels file (bad magic number)', labelsFile);
  const count = images.readUInt32BE(4);
  const rows = images.readUInt32BE(8);
  const cols = images.readUInt32BE(12);
  if (labels.readUInt32BE(4) !== count) throw new InputError(`${count} images but ${labels.readUInt32BE(4)} labels`, labelsFile);
  const width = rows * cols;
  if (images.length < 16 + count * width) throw new InputError('the file is shorter than its header says (truncated?)', imagesFile);
  const n = Math.min(count, options.limit ?? Infinity);
  const pixels: number[] = new Array(n * width);
  const hashes: string[] = [];
  for (let i = 0; i < n; i++) {
    const image = images.subarray(16 + i * width, 16 + (i + 1) * width);
    for (let j = 0; j < width; j++) pixels[i * width + j] = image[j] / 255;
    hashes.push(contentHash(image));
  }
  return {
    file: imagesFile,
    ids: Array.from({ length: n }, (_, i) => String(i + 1)),
    labels: Array.from({ length: n }, (_, i) => String(labels[8 + i])),
    pixels,
    width,
    shape: { height: rows, width: cols, channels: 1 },
    contentHashes: hashes,
    previews: Array.from({ length: n }, (_, i) => `image ${i + 1} (${rows}x${cols})`),
  };
}

function readMaybeGzip(file: string): Buffer {
  const bytes = fs.readFileSync(file);
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return zlib.gunzipSync(bytes);
  } catch (err) {
    throw new InputError(`corrupt gzip data (${err instanceof Error ? err.message : String(err)})`, file);
  }
}
