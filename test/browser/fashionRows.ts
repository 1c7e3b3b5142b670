// Panel rows for all 60k Fashion-MNIST training images: real labels, and a difficulty from each
// image's own pixels (mean ink), so sorting and filtering run on real, uneven values.
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import type { ReportMeta, SampleRow, Verdict } from '../../src/protocol/webview';

export const FASHION_TRAIN = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';
export const FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const PIXELS = 28 * 28;

/** Rows ranked hardest first; the `forgetSet` lightest images carry `verdict`, so they rank last. */
export function fashionRows(forgetSet: number, verdict: Verdict): SampleRow[] {
  const images = zlib.gunzipSync(fs.readFileSync(FASHION_TRAIN));
  const labels = zlib.gunzipSync(fs.readFileSync(FASHION_TRAIN.replace('images-idx3', 'labels-idx1')));
  const count = images.readUInt32BE(4);
  const ink = Array.from({ length: count }, (_, i) => {
    let sum = 0;
    for (let p = 16 + i * PIXELS; p < 16 + (i + 1) * PIXELS; p++) sum += images[p];
    return sum / (PIXELS * 255);
  });
  const order = ink.map((_, i) => i).sort((a, b) => ink[b] - ink[a] || a - b);
  return order.map((i, rank) => ({
    id: `fmnist-${i + 1}`,
    rank: rank + 1,
    label: FASHION_CLASSES[labels[8 + i]],
    split: 'train' as const,
    difficulty: ink[i],
    reason: `mean ink ${ink[i].toFixed(3)}`,
    memorization: ink[i] / 2,
    confidence: 1 - ink[i],
    similarCount: labels[8 + i] % 4,
    entanglement: 0.2,
    labelDisagreement: 0.1,
    preview: `image ${i + 1} (28x28)`,
    file: FASHION_TRAIN,
    ...(rank >= count - forgetSet ? { verdict } : {}),
  }));
}

export function fashionMeta(rows: SampleRow[]): ReportMeta {
  return {
    datasetPath: FASHION_TRAIN, rows: rows.length, features: PIXELS, classes: FASHION_CLASSES, mode: 'fast', backend: 'wasm',
    trainAccuracy: 0.9, testAccuracy: 0.88, summary: { hard: 0, withSimilarSamples: 0, memorized: 0, meanDifficulty: 0.3 }, stale: false, createdAt: '2026-01-01T00:00:00Z', thumbnailRoot: null, notices: [],
  };
}
