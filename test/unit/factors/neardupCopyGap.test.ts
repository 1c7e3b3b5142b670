import { test } from 'node:test';
import assert from 'node:assert/strict';
import { COPY_GAP_MIN, ScoreRows, acceptedGroupFloors, copyGapRule, copyGroups, sampleGap, sampleGaps } from '../../../src/core/factors/copyGap';
import { GreyImages, alignedScores } from '../../../src/core/factors/alignedCorrelation';
import { NeighbourLists } from '../../../src/core/factors/neighbours';
import { createRandom } from '../../../src/core/util/random';
import { gaussianNoise, readFashion, shifted } from '../../helpers/plantedImages';

function rowsOf(list: number[][]): ScoreRows {
  const width = Math.max(...list.map((r) => r.length));
  const scores = new Float32Array(list.length * width).fill(NaN);
  list.forEach((r, i) => scores.set(r, i * width));
  return { width, scores };
}

test('copy gap: the group before the largest jump in log distance, several copies together, only among the first half', () => {
  // Three copies (d 0.001–0.002) then look-alikes from d 0.05: one group of three, jump ln(0.05/0.002).
  const rows = rowsOf([
    [0.95, 0.999, 0.94, 0.998, 0.93, 0.92, 0.9985, 0.91, 0.9, 0.89],
    // Evenly spaced look-alikes: no jump stands out.
    Array.from({ length: 10 }, (_, r) => 1 - 0.01 * Math.exp(0.1 * r)),
    // The largest jump is after the 8th: past the first half, so not a group.
    [0.99, 0.989, 0.988, 0.987, 0.986, 0.985, 0.984, 0.983, 0.5, 0.4],
    // Candidates listed in any order are sorted first.
    [0.8, 0.9999],
  ]);
  const g = sampleGap(rows, 0);
  assert.ok(Math.abs(g.gap - Math.log(0.05 / 0.002)) < 1e-3, `gap ${g.gap}`);
  assert.ok(Math.abs(g.groupFloor - 0.998) < 1e-6);
  assert.ok(sampleGap(rows, 1).gap < 0.11);
  assert.ok(sampleGap(rows, 2).gap < 0.2, 'a jump past the first half is the neighbourhood, not a group');
  assert.ok(Math.abs(sampleGap(rows, 3).gap - Math.log(0.2 / 0.0001)) < 1e-3);
  const rule = { ...copyGapRule(sampleGaps(rows, 4), rows.width)!, cut: COPY_GAP_MIN };
  const floors = acceptedGroupFloors(rows, 4, rule);
  assert.ok(Math.abs(floors[0] - 0.998) < 1e-6, 'the three copies are accepted together');
  assert.ok(Number.isNaN(floors[1]) && Number.isNaN(floors[2]));
  assert.equal(copyGapRule([NaN], 10), null);
});

test('copy gap: the robust cut binds on spread-out gaps, the minimum on narrow ones', () => {
  const spread = copyGapRule(Array.from({ length: 100 }, (_, i) => 0.01 * i), 10, 6, COPY_GAP_MIN)!;
  assert.ok(spread.cut > COPY_GAP_MIN, `robust cut ${spread.cut} on gaps spread over 0–1`);
  const narrow = copyGapRule(Array.from({ length: 100 }, (_, i) => 0.2 + 0.001 * i), 10, 6, COPY_GAP_MIN)!;
  assert.equal(narrow.cut, COPY_GAP_MIN);
  // The null is the dataset's own gaps: a few copies (gap 3) do not move it.
  const fewCopies = copyGapRule(Array.from({ length: 100 }, (_, i) => (i < 5 ? 3 : 0.2 + 0.001 * i)), 10, 6, COPY_GAP_MIN)!;
  assert.equal(fewCopies.cut, COPY_GAP_MIN);
});

// Real garments: 400 Fashion-MNIST training images, a group of three noisy copies of one, a 2 px
// shifted copy of another; candidates by raw-pixel correlation, re-scored aligned as the audit does.
test('copy gap on Fashion-MNIST: a group of three noisy copies and a shifted copy stand out, untouched garments rarely do', () => {
  const fashion = readFashion(400).map((d) => d.image);
  const random = createRandom(4);
  const images = [...fashion, ...[0, 1, 2].map(() => gaussianNoise(fashion[0], 8, random)), shifted(fashion[7], 2, 1)];
  const n = images.length;
  const grey: GreyImages = { side: 28, data: Uint8Array.from(images.flatMap((im) => Array.from(im.pixels))) };
  const candidates = topByCorrelation(grey, n, 12);
  const aligned = alignedScores(candidates, grey, 6);
  const { floors, report } = copyGroups({ width: aligned.m, scores: aligned.scores }, n, 'aligned pixel correlation');
  const accepted = (i: number) => new Set(Array.from({ length: aligned.m }, (_, r) => r).filter((r) => aligned.scores[i * aligned.m + r] >= floors[i]).map((r) => candidates.indices[i * candidates.k + r]));
  assert.ok(report && report.cut >= COPY_GAP_MIN);
  for (const copy of [400, 401, 402]) {
    assert.deepEqual([...accepted(copy)].sort((a, b) => a - b), [0, 400, 401, 402].filter((x) => x !== copy), `copy ${copy}: its source and the two other copies, one group`);
  }
  assert.ok(accepted(403).has(7), 'the 2 px shifted copy');
  const untouched = Array.from({ length: 400 }, (_, i) => i).filter((i) => i !== 0 && i !== 7 && Number.isFinite(floors[i]) && [...accepted(i)].some((j) => j < 400));
  assert.ok(untouched.length <= 4, `${untouched.length} of 398 untouched garments have an accepted group with another untouched garment`);
});

/** Each image's k most correlated others (Pearson on raw pixels), most similar first. */
function topByCorrelation(grey: GreyImages, n: number, k: number): NeighbourLists {
  const area = grey.side * grey.side;
  const centred = new Float64Array(n * area);
  for (let i = 0; i < n; i++) {
    let mean = 0;
    for (let p = 0; p < area; p++) mean += grey.data[i * area + p] / area;
    let norm = 0;
    for (let p = 0; p < area; p++) norm += (grey.data[i * area + p] - mean) ** 2;
    for (let p = 0; p < area; p++) centred[i * area + p] = (grey.data[i * area + p] - mean) / Math.sqrt(norm || 1);
  }
  const indices = new Int32Array(n * k);
  const similarities = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    const row: Array<[number, number]> = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let s = 0;
      for (let p = 0; p < area; p++) s += centred[i * area + p] * centred[j * area + p];
      row.push([j, s]);
    }
    row.sort((a, b) => b[1] - a[1]);
    row.slice(0, k).forEach(([j, s], r) => {
      indices[i * k + r] = j;
      similarities[i * k + r] = s;
    });
  }
  return { k, indices, similarities };
}
