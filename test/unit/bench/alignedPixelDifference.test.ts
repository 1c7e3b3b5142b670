import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TRUE_PAIR_MAX_DIFFERENCE, alignedPixelDifference } from '../../../bench/alignedPixelDifference';
import { brightnessContrast, gaussianNoise, readFashion, shifted } from '../../helpers/plantedImages';
import { createRandom } from '../../../src/core/util/random';

const images = readFashion(200);
const diff = (a: Uint8Array, b: Uint8Array) => alignedPixelDifference(a, b, 28, 28);

test('aligned pixel difference: a 2 px shift with a brightness/contrast change is undone, a 3 px shift is not', () => {
  const source = images[0].image;
  const copy = brightnessContrast(shifted(source, 2, -1), 0.8, 20);
  assert.ok(diff(source.pixels, copy.pixels) < 1, `${diff(source.pixels, copy.pixels)}`);
  const far = shifted(source, 3, 0);
  assert.ok(diff(source.pixels, far.pixels) > 2 * diff(source.pixels, copy.pixels) + 1, `3 px: ${diff(source.pixels, far.pixels)}`);
});

test('aligned pixel difference: mild noise stays under the true-pair bound, different garments of one class mostly do not', () => {
  const random = createRandom(5);
  const noisy = gaussianNoise(images[1].image, 8, random);
  assert.ok(diff(images[1].image.pixels, noisy.pixels) <= TRUE_PAIR_MAX_DIFFERENCE);
  let pairs = 0;
  let close = 0;
  for (let i = 0; i < 60; i++) {
    const j = images.findIndex((d, k) => k > i && d.label === images[i].label);
    if (j < 0) continue;
    pairs++;
    if (diff(images[i].image.pixels, images[j].image.pixels) <= TRUE_PAIR_MAX_DIFFERENCE) close++;
  }
  assert.ok(pairs >= 40 && close <= pairs / 10, `${close} of ${pairs} distinct same-class pairs count as true pairs`);
});
