import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { PNG } from 'pngjs';

const FASHION = '/usr/share/datasets/fashion-mnist';
/** Fashion-MNIST class ids and the folders they go to. */
const CLASSES: Record<number, string> = { 1: 'trouser', 7: 'sneaker', 8: 'bag' };
const PER_CLASS = 80;
const SIDE = 28;

export interface ImageFolderDataset {
  root: string;
  /** Sample ids (root-relative paths) of images filed under another class's folder. */
  mislabelled: string[];
  /** Sample ids of byte-identical copies of another image of the same class. */
  duplicates: string[];
  images: number;
}

/**
 * root/<class>/<nnn>.png from the first Fashion-MNIST test images of three classes, with planted
 * faults: two trousers (not otherwise in the dataset) filed as a sneaker and as a bag, and two
 * exact copies of one bag.
 */
export function writeImageFolder(root: string): ImageFolderDataset {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 't10k-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 't10k-labels-idx1-ubyte.gz')));
  const byClass = new Map<string, number[]>(Object.values(CLASSES).map((c) => [c, []]));
  for (let i = 0; i < labels.length - 8; i++) {
    const folder = CLASSES[labels[8 + i]];
    if (folder) byClass.get(folder)!.push(i);
  }
  const save = (folder: string, file: string, index: number): string => {
    fs.mkdirSync(path.join(root, folder), { recursive: true });
    fs.writeFileSync(path.join(root, folder, file), grayPng(images.subarray(16 + index * SIDE * SIDE, 16 + (index + 1) * SIDE * SIDE)));
    return `${folder}/${file}`;
  };
  let count = 0;
  for (const [folder, indices] of byClass) indices.slice(0, PER_CLASS).forEach((index, n) => (save(folder, `${String(n).padStart(3, '0')}.png`, index), count++));
  const [trouserA, trouserB] = byClass.get('trouser')!.slice(PER_CLASS);
  const mislabelled = [save('sneaker', 'zz-planted-0.png', trouserA), save('bag', 'zz-planted-1.png', trouserB)];
  const firstBag = byClass.get('bag')![0];
  const duplicates = [save('bag', 'zz-copy-0.png', firstBag), save('bag', 'zz-copy-1.png', firstBag)];
  return { root, mislabelled, duplicates, images: count + mislabelled.length + duplicates.length };
}

function grayPng(gray: Uint8Array): Buffer {
  const png = new PNG({ width: SIDE, height: SIDE });
  for (let p = 0; p < gray.length; p++) {
    png.data[p * 4] = png.data[p * 4 + 1] = png.data[p * 4 + 2] = gray[p];
    png.data[p * 4 + 3] = 255;
  }
  return PNG.sync.write(png);
}
