import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { contentHash } from './hash';
import { RgbaImage, decodeImage, isGrayscale, resizeToSquare } from './imageDecode';
import { PixelSamples } from './pixelTable';
import { listImageFolder } from './imageFolder';

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
    shape: { height: size, width: size, channels },
    contentHashes: hashes,
    previews: files.map((f, k) => `${path.basename(f.relative)} (${decoded[k].width}x${decoded[k].height})`),
  };
}
