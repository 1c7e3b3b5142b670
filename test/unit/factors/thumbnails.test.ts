import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageLayout } from '../../../src/core/factors/imageLayout';
import { thumbnailScorer } from '../../../src/core/factors/pairScore';
import { grayThumbnails } from '../../../src/core/factors/thumbnails';
import { brightnessContrast, readFashion, shifted } from '../../helpers/plantedImages';

test('only datasets read as images have an image layout (a pixel table stays a table)', () => {
  assert.equal(imageLayout({ format: 'csv', numFeatures: 64 }), null);
  assert.deepEqual(imageLayout({ format: 'idx', numFeatures: 784 }), { side: 28, channels: 1 });
  assert.deepEqual(imageLayout({ format: 'images', numFeatures: 3 * 32 * 32 }), { side: 32, channels: 3 });
  assert.equal(imageLayout({ format: 'images', numFeatures: 700 }), null);
});

test('centring thumbnails on the centre of mass makes shifted and re-lit copies of real images correlate', () => {
  const images = readFashion(40).map((d) => d.image);
  const variants = images.flatMap((im) => [im, shifted(im, 1, 1), shifted(im, -2, 1), brightnessContrast(im, 0.8, 20)]);
  const n = variants.length;
  const pixels = new Float32Array(n * 784);
  variants.forEach((im, i) => im.pixels.forEach((v, k) => (pixels[i * 784 + k] = v / 255)));
  const scorer = thumbnailScorer(grayThumbnails(pixels, n, { side: 28, channels: 1 }));
  for (let s = 0; s < images.length; s++) {
    const original = 4 * s;
    // Every variant is closer to its own original than any other original is.
    const others = Math.max(...images.map((_, t) => (t === s ? -1 : scorer.score(original, 4 * t))));
    for (let v = 1; v < 4; v++) assert.ok(scorer.score(original, original + v) > others, `image ${s} variant ${v}: ${scorer.score(original, original + v)} vs ${others}`);
  }
});
