// Contact sheets of every near-duplicate pair the audit flags on data with nothing planted, for a
// person to judge (the pixel yardstick may be unfair to real look-alikes):
//   node --import tsx bench/neardupSheets.ts rows [out dir, default docs/img]
// The first `rows` Fashion-MNIST test images, the audit's trained model and similarity stage at the
// default settings. Writes neardup-unplanted-<rows>-<sheet>.png (pairs side by side, 3× scaled,
// SHEET_COLUMNS pairs a row, PAIRS_PER_SHEET a sheet, read left to right, top to bottom) and
// neardup-unplanted-<rows>.json (each pair in the same order: indices, labels, scores, the rules
// it passed, the pixel yardstick).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { loadDataset } from '../src/core/data/load';
import { ALIGNED_CANDIDATES, alignedCorrelation, alignedScores, greyImages } from '../src/core/factors/alignedCorrelation';
import { COPY_GAP_CANDIDATES, ScoreRows, copyGroups, firstScores, sampleGap } from '../src/core/factors/copyGap';
import { alignedPixelDifference } from './alignedPixelDifference';
import { FASHION_TEST } from './neardupSets';
import { trainedFactors } from './trainedFactors';

const PAIRS_PER_SHEET = 40;
const SHEET_COLUMNS = 4;
const SCALE = 3;
/** Pixels between the two images of a pair, and around each pair. */
const GAP = 4;
const MARGIN = 12;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 1000);
  const outDir = process.argv[3] ?? path.join(__dirname, '..', 'docs', 'img');
  const { dataset } = await loadDataset(FASHION_TEST, { limit: rows });
  const n = dataset.ids.length;
  const { factors } = await trainedFactors(dataset);
  const grey = greyImages(dataset.X, n, dataset.image!);
  const { candidates } = factors;
  const thumbnailScore = (i: number, j: number) => {
    for (let r = 0; r < candidates.k; r++) if (candidates.indices[i * candidates.k + r] === j) return candidates.similarities[i * candidates.k + r];
    return NaN;
  };
  // The copy-gap rule as the audit applied it, per score, to say which accepted each pair and at what gap.
  const scores: Array<{ name: string; rows: ScoreRows }> = [
    { name: 'thumbnail gap', rows: firstScores(candidates.similarities, candidates.k, COPY_GAP_CANDIDATES) },
    { name: 'aligned gap', rows: (({ m, scores: s }) => ({ width: m, scores: s }))(alignedScores(candidates, grey, ALIGNED_CANDIDATES)) },
  ];
  const groups = scores.map(({ name, rows }) => ({ name, ...copyGroups(rows, n, 'thumbnail correlation') }));
  const accepts = (g: (typeof groups)[number], i: number, j: number) => {
    for (let r = 0; r < g.rows.width; r++) if (candidates.indices[i * candidates.k + r] === j) return g.rows.scores[i * g.rows.width + r] >= g.floors[i];
    return false;
  };
  const pairs = [];
  for (let i = 0; i < n; i++) {
    for (const { index: j } of factors.similar.neighbours[i]) {
      if (j < i) continue;
      const sims = [thumbnailScore(i, j), thumbnailScore(j, i)].filter(Number.isFinite);
      const thumbnail = Math.max(...sims);
      const aligned = alignedCorrelation(grey, i, j);
      const rules = groups.filter((g) => accepts(g, i, j) || accepts(g, j, i)).map((g) => g.name);
      const gaps = Object.fromEntries(groups.map((g) => [g.name, [i, j].map((x) => round4(sampleGap(g.rows, x).gap))]));
      const difference = alignedPixelDifference(grey.data.subarray(i * 784, (i + 1) * 784), grey.data.subarray(j * 784, (j + 1) * 784), 28, 28);
      pairs.push({ a: i, b: j, label: dataset.classes[dataset.y[i]], thumbnail: round4(thumbnail), aligned: round4(aligned), gaps, rules, alignedPixelDifference: Math.round(10 * difference) / 10 });
    }
  }
  fs.mkdirSync(outDir, { recursive: true });
  const sheets = Math.ceil(pairs.length / PAIRS_PER_SHEET);
  for (let s = 0; s < sheets; s++) {
    const file = path.join(outDir, `neardup-unplanted-${rows}-${s + 1}.png`);
    fs.writeFileSync(file, sheet(pairs.slice(s * PAIRS_PER_SHEET, (s + 1) * PAIRS_PER_SHEET), grey.data));
    console.log(`wrote ${file}`);
  }
  const json = path.join(outDir, `neardup-unplanted-${rows}.json`);
  fs.writeFileSync(json, JSON.stringify({ rows: n, why: factors.nearDuplicates.why, pairsPerSheet: PAIRS_PER_SHEET, columns: SHEET_COLUMNS, pairs }, null, 1) + '\n');
  console.log(`${pairs.length} pairs flagged on ${n} rows; wrote ${json}`);
}

/** One PNG of pairs side by side on a mid-grey ground, so a black image background shows its frame. */
function sheet(pairs: Array<{ a: number; b: number }>, grey: Uint8Array | Float32Array): Buffer {
  const cell = 28 * SCALE;
  const pairWidth = 2 * cell + GAP;
  const width = SHEET_COLUMNS * (pairWidth + MARGIN) + MARGIN;
  const height = Math.ceil(pairs.length / SHEET_COLUMNS) * (cell + MARGIN) + MARGIN;
  const png = new PNG({ width, height });
  png.data.fill(128);
  const put = (x: number, y: number, v: number) => {
    const k = 4 * (y * width + x);
    png.data[k] = png.data[k + 1] = png.data[k + 2] = v;
    png.data[k + 3] = 255;
  };
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) put(x, y, 128);
  pairs.forEach(({ a, b }, p) => {
    const left = MARGIN + (p % SHEET_COLUMNS) * (pairWidth + MARGIN);
    const top = MARGIN + Math.floor(p / SHEET_COLUMNS) * (cell + MARGIN);
    [a, b].forEach((image, side) => {
      for (let y = 0; y < cell; y++) {
        for (let x = 0; x < cell; x++) put(left + side * (cell + GAP) + x, top + y, grey[image * 784 + Math.floor(y / SCALE) * 28 + Math.floor(x / SCALE)]);
      }
    });
  });
  return PNG.sync.write(png);
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
