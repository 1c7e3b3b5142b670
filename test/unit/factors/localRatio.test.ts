import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCAL_RATIO_MAX_CUT, LOCAL_RATIO_Z, localLogRatio, localRatioRule } from '../../../src/core/factors/localRatio';
import { findSimilarSamples } from '../../../src/core/factors/similarity';
import { NeighbourLists } from '../../../src/core/factors/neighbours';
import { createRandom } from '../../../src/core/util/random';

/** Sorted candidate lists of k neighbours per sample with the given similarities (neighbour ids are arbitrary others). */
function lists(rows: number[][]): NeighbourLists {
  const k = rows[0].length;
  const n = rows.length;
  const indices = new Int32Array(n * k);
  const similarities = new Float32Array(n * k);
  rows.forEach((sims, i) => sims.forEach((s, r) => {
    indices[i * k + r] = (i + 1 + r) % n;
    similarities[i * k + r] = s;
  }));
  return { k, indices, similarities };
}

test('local rule: a pair far closer than the sample\'s own 10th candidate passes in a dense region the global threshold misses', () => {
  const random = createRandom(2);
  // Ordinary samples: nearest neighbour about half as far as the 10th (log ratio ~ −0.7 ± noise).
  const rows = Array.from({ length: 300 }, () => {
    const tenth = 0.6 + 0.3 * random();
    const d10 = 1 - tenth;
    return Array.from({ length: 12 }, (_, r) => 1 - d10 * Math.exp(-0.7 * (1 - r / 9) + 0.15 * (random() - 0.5))).sort((a, b) => b - a);
  });
  // Sample 0 sits in a dense region (10th candidate at 0.99) with a copy at 0.9995: twenty times closer.
  rows[0] = [0.9995, ...Array.from({ length: 11 }, (_, r) => 0.995 - 0.0005 * r)];
  const candidates = lists(rows);
  const rule = localRatioRule(candidates)!;
  assert.equal(rule.z, LOCAL_RATIO_Z);
  assert.ok(rule.median < -0.4 && rule.median > -1, `median ${rule.median}`);
  assert.ok(localLogRatio(candidates, 0, 0.9995) <= rule.cut, 'the dense copy passes');
  const ordinary = rows.slice(1).filter((r, i) => localLogRatio(candidates, i + 1, r[0]) <= rule.cut).length;
  assert.ok(ordinary <= 3, `${ordinary} ordinary nearest neighbours pass`);
  const n = rows.length;
  const similar = findSimilarSamples(
    { n, labels: new Int32Array(n), embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: rows.map((_, i) => `h${i}`) },
    { input: 0.9999, embedding: -1, local: { ...rule, floor: 0.9 } },
  );
  assert.equal(similar.neighbours[0][0]?.index, 1, 'found by the local rule below the global threshold');
  const withoutLocal = findSimilarSamples(
    { n, labels: new Int32Array(n), embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: rows.map((_, i) => `h${i}`) },
    { input: 0.9999, embedding: -1 },
  );
  assert.equal(withoutLocal.count[0], 0, 'the global threshold alone misses it');
});

test('local rule: never below the floor, and absent without a 10th candidate', () => {
  const candidates = lists([[0.85, ...Array(11).fill(-0.9)], ...Array.from({ length: 20 }, () => [0.5, ...Array(11).fill(0.3)])]);
  const rule = localRatioRule(candidates)!;
  assert.ok(localLogRatio(candidates, 0, 0.85) <= rule.cut, 'far closer than its 10th');
  const similar = findSimilarSamples(
    { n: 21, labels: new Int32Array(21), embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: Array.from({ length: 21 }, (_, i) => `h${i}`) },
    { input: 0.99, embedding: -1, local: { ...rule, floor: 0.9 } },
  );
  assert.equal(similar.count[0], 0, 'similarity 0.85 is below the floor 0.9');
  assert.equal(localRatioRule(lists([[0.9, 0.8], [0.7, 0.6]])), null);
});

test('local rule: the cut never loosens past LOCAL_RATIO_MAX_CUT, however narrow the ratios of a dense dataset are', () => {
  const random = createRandom(4);
  // Nearest neighbours all about 0.8 of the 10th candidate's distance, ± 5 %: a tight spread puts
  // the robust cut near the median, where ordinary neighbours sit.
  const rows = Array.from({ length: 400 }, () => {
    const d10 = 0.05 + 0.05 * random();
    const d1 = d10 * 0.8 * (1 + 0.1 * (random() - 0.5));
    return [1 - d1, ...Array.from({ length: 11 }, (_, r) => 1 - d1 - ((d10 - d1) * (r + 1)) / 9)];
  });
  const candidates = lists(rows);
  const uncapped = localRatioRule(candidates, LOCAL_RATIO_Z, 10, Infinity)!;
  assert.ok(uncapped.cut > LOCAL_RATIO_MAX_CUT, `the robust cut alone is ${uncapped.cut}`);
  const rule = localRatioRule(candidates)!;
  assert.equal(rule.cut, LOCAL_RATIO_MAX_CUT);
  assert.equal(rule.maxCut, LOCAL_RATIO_MAX_CUT);
  assert.equal(uncapped.maxCut, undefined);
});
