import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { contentHash } from './hash';
import { RgbaImage, decodeImage, isGrayscale, resizeToSquare } from './imageDecode';
import { PixelSamples } from './pixelTable';

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg']);

export interface ImageFile {
  /** Relative to the root, forward slashes: the sample id. */
  relative: string;
  label: string;
}

/** root/<class>/<file>.(png|jpg|jpeg), sorted; hidden files and other files ignored. */
export function listImageFolder(root: string): ImageFile[] {
  const files: ImageFile[] = [];
  for (const entry of fs.readdirSync(root, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    for (const file of fs.readdirSync(path.join(root, entry.name)).sort()) {
      if (file.startsWith('.') || !IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase())) continue;
      files.push({ relative: `${entry.name}/${file}`, label: entry.name });
    }
  }
  const classes = new Set(files.map((f) => f.label));
  if (classes.size < 2) {
    throw new InputError(`an image dataset needs at least two class folders with images (root/<class>/<image>.png|jpg); found ${classes.size}`, root);
  }
  return files;
}

/** Decode every image, resize to size x size (grayscale if every image is), keep pixels in [0,1]. */
export async function readImageFolder(root: string, options: { imageSize?: number; limit?: number }, ctx?: JobContext): Promise<PixelSamples> {
  const size = options.imageSize ?? 28;
  const files = listImageFolder(root).slice(0, options.limit ?? Infinity);
  const decoded: RgbaImage[] = [];
  const hashes: string[] = [];
  for (let k = 0; k < files.length; k++) {
    const file = path.join(root, files[k].relative);
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
      decoded.push(decodeImage(bytes, path.extname(file).toLowerCase()));
    } catch (err) {
      throw new InputError(`cannot decode the image (${err instanceof Error ? err.message : String(err)})`, file);
    }
    hashes.push(contentHash(decoded[k].data));
    if (k % 500 === 0) {
      report(ctx, 'reading', k / files.length);
      throwIfCancelled(ctx);
      await breathe();
    }
  }
  const channels = decoded.every(isGrayscale) ? 1 : 3;
  const width = size * size * channels;
  const pixels: number[] = [];
  for (const image of decoded) for (const v of resizeToSquare(image, size, channels)) pixels.push(v);
  return {
    file: root,
    ids: files.map((f) => f.relative),
    labels: files.map((f) => f.label),
    pixels,
    width,
    contentHashes: hashes,
    previews: files.map((f, k) => `${path.basename(f.relative)} (${decoded[k].width}x${decoded[k].height})`),
  };
}
