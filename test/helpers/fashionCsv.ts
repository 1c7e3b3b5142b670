import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

export const FASHION = '/usr/share/datasets/fashion-mnist';

/** The first `count` Fashion-MNIST training images as Kaggle's CSV: label, pixel1..pixel784 (about 2.2 kB a row). */
export function fashionCsv(count: number): string {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-labels-idx1-ubyte.gz')));
  const lines = [['label', ...Array.from({ length: 784 }, (_, j) => `pixel${j + 1}`)].join(',')];
  for (let i = 0; i < count; i++) lines.push(`${labels[8 + i]},${Array.from(images.subarray(16 + i * 784, 16 + (i + 1) * 784)).join(',')}`);
  return lines.join('\n') + '\n';
}
