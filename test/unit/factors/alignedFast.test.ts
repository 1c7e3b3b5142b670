import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALIGNED_Z, GreyImages, alignedCorrelation, alignedScores, nearestAligned, rowSpans } from '../../../src/core/factors/alignedCorrelation';
import { adaptiveThreshold } from '../../../src/core/factors/adaptiveThreshold';
import { brightnessContrast, gaussianNoise, readFashion, shifted } from '../../helpers/plantedImages';
import { referenceAlignedCorrelation } from '../../helpers/alignedReference';
import { createRandom } from '../../../src/core/util/random';

/** 300 real garments, then a shifted re-lit and a shifted noisy copy of each of the first 40. */
function plantedFashion(): GreyImages {
  const random = createRandom(11);
  const originals = readFashion(300).map((d) => d.image);
  const copies = originals.slice(0, 40).flatMap((im) => [brightnessContrast(shifted(im, -2, 1), 1.2, -15), gaussianNoise(shifted(im, 1, -2), 8, random)]);
  const list = [...originals, ...copies];
  const data = new Uint8Array(list.length * 784);
  list.forEach((im, i) => data.set(im.pixels, i * 784));
  return { side: 28, data, spans: rowSpans(data, list.length, 28) };
}

/** Each sample's 5 candidates: its copies or source where planted, else random others (some listed from both sides). */
function candidateLists(n: number): Int32Array {
  const random = createRandom(12);
  return Int32Array.from({ length: n * 5 }, (_, p) => {
    const i = Math.floor(p / 5);
    if (p % 5 === 0 && i < 40) return 300 + 2 * i;
    if (p % 5 === 1 && i < 40) return 300 + 2 * i + 1;
    if (p % 5 === 0 && i >= 300) return Math.floor((i - 300) / 2);
    return Math.floor(random() * n);
  });
}

test('fast aligned correlation equals the first implementation on real garments and their planted copies, with and without ink spans, at ±1, 2 and 3 px', () => {
  const images = plantedFashion();
  const n = images.data.length / 784;
  const indices = candidateLists(n);
  const noSpans = { side: 28, data: images.data };
  const asFloats = { side: 28, data: Float32Array.from(images.data, (v) => v / 3) };
  let worst = 0;
  for (let p = 0; p < indices.length; p += 3) {
    const [a, b] = [Math.floor(p / 5), indices[p]];
    for (const [set, shift] of [[images, 2], [noSpans, 2], [asFloats, 2], [images, 1], [images, 3], [noSpans, 3]] as const) {
      const fast = alignedCorrelation(set, a, b, shift);
      const reference = referenceAlignedCorrelation(set, a, b, shift);
      worst = Math.max(worst, Math.abs(fast - reference));
      assert.ok(Math.abs(fast - reference) < 1e-9, `pair ${a}–${b} at ±${shift} px: ${fast} vs ${reference}`);
    }
  }
  assert.ok(worst < 1e-9);
});

test('fast aligned scores accept exactly the pairs the first implementation accepts at the dataset-adaptive threshold', () => {
  const images = plantedFashion();
  const n = images.data.length / 784;
  const indices = candidateLists(n);
  const fast = alignedScores({ k: 5, indices, similarities: new Float32Array(n * 5) }, images);
  const reference = { m: 5, scores: Float32Array.from(indices, (j, p) => (j < 0 ? NaN : referenceAlignedCorrelation(images, Math.min(Math.floor(p / 5), j), Math.max(Math.floor(p / 5), j)))) };
  fast.scores.forEach((s, p) => assert.ok(Math.abs(s - reference.scores[p]) < 1e-9, `slot ${p}: ${s} vs ${reference.scores[p]}`));
  const threshold = adaptiveThreshold(nearestAligned(fast), ALIGNED_Z).threshold;
  assert.equal(threshold, adaptiveThreshold(nearestAligned(reference), ALIGNED_Z).threshold);
  const accepted = (scores: Float32Array) => [...scores.keys()].filter((p) => scores[p] >= threshold);
  assert.deepEqual(accepted(fast.scores), accepted(reference.scores));
  // The planted copies are what the threshold must pass: at least the re-lit ones, or the comparison says little.
  assert.ok(accepted(fast.scores).length >= 40, `${accepted(fast.scores).length} accepted`);
});
