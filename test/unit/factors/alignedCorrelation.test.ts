import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GreyImages, alignedCorrelation, alignedScores, nearestAligned, rowSpans } from '../../../src/core/factors/alignedCorrelation';
import { brightnessContrast, gaussianNoise, readFashion, shifted } from '../../helpers/plantedImages';
import { createRandom } from '../../../src/core/util/random';
import { findSimilarSamples } from '../../../src/core/factors/similarity';

/** Pearson correlation of b with a shifted by (dx, dy), over the pixels both keep: the definition, by brute force. */
function correlationAt(a: ArrayLike<number>, b: ArrayLike<number>, dx: number, dy: number): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let y = Math.max(0, dy); y < Math.min(28, 28 + dy); y++) {
    for (let x = Math.max(0, dx); x < Math.min(28, 28 + dx); x++) {
      xs.push(a[(y - dy) * 28 + x - dx]);
      ys.push(b[y * 28 + x]);
    }
  }
  const mean = (v: number[]) => v.reduce((s, t) => s + t, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let c = 0;
  let vx = 0;
  let vy = 0;
  xs.forEach((x, k) => {
    c += (x - mx) * (ys[k] - my);
    vx += (x - mx) ** 2;
    vy += (ys[k] - my) ** 2;
  });
  return c / Math.sqrt(vx * vy);
}

/** As greyImages gives them: with each row's inked span, which the correlation skips outside of. */
function asImages(list: Array<{ pixels: Uint8Array }>): GreyImages {
  const data = new Uint8Array(list.length * 784);
  list.forEach((im, i) => data.set(im.pixels, i * 784));
  return { side: 28, data, spans: rowSpans(data, list.length, 28) };
}

test('aligned correlation: a 2 px shifted, re-lit copy of a real garment correlates 1 from either side, and it is the best shift by brute force', () => {
  const random = createRandom(4);
  const originals = readFashion(30).map((d) => d.image);
  const variants = originals.flatMap((im) => [im, brightnessContrast(shifted(im, 2, -1), 0.8, 20), gaussianNoise(shifted(im, -1, 2), 8, random)]);
  const images = asImages(variants);
  for (let s = 0; s < originals.length; s++) {
    const [o, lit, noisy] = [3 * s, 3 * s + 1, 3 * s + 2];
    // Clipping at 0 and 255 after the gain is the only loss.
    assert.ok(alignedCorrelation(images, o, lit) > 0.995, `image ${s}: ${alignedCorrelation(images, o, lit)}`);
    assert.equal(alignedCorrelation(images, o, lit), alignedCorrelation(images, lit, o), 'symmetric');
    for (const v of [lit, noisy]) {
      const a = images.data.subarray(o * 784, (o + 1) * 784);
      const b = images.data.subarray(v * 784, (v + 1) * 784);
      let best = -1;
      for (let dy = -2; dy <= 2; dy++) for (let dx = -2; dx <= 2; dx++) best = Math.max(best, correlationAt(a, b, dx, dy));
      assert.ok(Math.abs(alignedCorrelation(images, o, v) - best) < 1e-6, `image ${s} variant ${v - o}: ${alignedCorrelation(images, o, v)}, brute force ${best}`);
      assert.ok(Math.abs(alignedCorrelation({ side: 28, data: images.data }, o, v) - best) < 1e-6, 'the same without the spans');
    }
  }
});

test('aligned correlation: a garment\'s copies score above every other garment of the same class', () => {
  const data = readFashion(400);
  const random = createRandom(7);
  const list = [...data.map((d) => d.image), ...data.slice(0, 40).map((d) => gaussianNoise(shifted(d.image, 1, 1), 8, random))];
  const images = asImages(list);
  for (let s = 0; s < 40; s++) {
    const copy = 400 + s;
    const others = data.flatMap((d, t) => (t !== s && d.label === data[s].label ? [alignedCorrelation(images, t, copy)] : []));
    assert.ok(alignedCorrelation(images, s, copy) > Math.max(...others), `image ${s}: copy ${alignedCorrelation(images, s, copy)} vs best other ${Math.max(...others)}`);
  }
});

test('aligned scores follow the candidate order, score a pair once, and give each sample its best', () => {
  const images = asImages(readFashion(4).map((d) => d.image));
  const candidates = { k: 3, indices: Int32Array.from([1, 2, -1, 0, 3, 2, 3, 0, 1, 2, -1, -1]), similarities: new Float32Array(12) };
  const aligned = alignedScores(candidates, images, 2);
  assert.equal(aligned.m, 2);
  assert.ok(Math.abs(aligned.scores[0] - alignedCorrelation(images, 0, 1)) < 1e-6);
  assert.equal(aligned.scores[2], aligned.scores[0], 'the pair 0–1 from the other side');
  assert.ok(Math.abs(aligned.scores[5] - alignedCorrelation(images, 2, 0)) < 1e-6);
  const nearest = nearestAligned(aligned);
  assert.equal(nearest[0], Math.max(aligned.scores[0], aligned.scores[1]));
  assert.equal(nearest[3], aligned.scores[6]);
});

test('a pair below the thumbnail thresholds is a near-duplicate when its aligned correlation reaches the aligned threshold, on the first candidates only', () => {
  // Sample 0 lists 1 then 2, 1 lists 0 then 2, 2 lists 1 then 0, all below the 0.99 thumbnail threshold.
  const candidates = { k: 2, indices: Int32Array.from([1, 2, 0, 2, 1, 0]), similarities: Float32Array.from([0.95, 0.95, 0.95, 0.9, 0.9, 0.95]) };
  const inputs = { n: 3, labels: new Int32Array(3), embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: ['a', 'b', 'c'] };
  const aligned = { m: 1, scores: Float32Array.from([0.999, 0.999, 0.999]) };
  const withAligned = findSimilarSamples({ ...inputs, aligned }, { input: 0.99, embedding: -1, aligned: 0.998 });
  assert.deepEqual(withAligned.neighbours[0].map((x) => x.index), [1], 'the first candidate passes; the second is not re-scored');
  assert.equal(withAligned.neighbours[0][0].similarity, 0.95, 'the similarity listed stays the thumbnail one');
  assert.deepEqual(withAligned.neighbours[1].map((x) => x.index), [0, 2], 'a pair found from either side counts for both');
  const stricter = findSimilarSamples({ ...inputs, aligned }, { input: 0.99, embedding: -1, aligned: 0.9995 });
  assert.equal(stricter.count[0], 0, 'below the aligned threshold');
  assert.equal(findSimilarSamples(inputs, { input: 0.99, embedding: -1, aligned: 0.998 }).count[0], 0, 'no aligned scores, no aligned rule');
});
