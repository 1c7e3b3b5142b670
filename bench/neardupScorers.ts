// Which pair score separates planted copies from the dataset's own nearest neighbours:
//   node --import tsx bench/neardupScorers.ts train|test rows
// Trains the audit's model and runs the real similarity stage (its candidates), then re-scores each
// sample's first ALIGNED_CANDIDATES candidates with aligned correlations (±2 px) of the grey images,
// raw or blurred, and applies the dataset-adaptive rules to each score alone and beside today's
// thumbnail rules. train: Fashion-MNIST training images with 12 planted copies per type (copies
// found per type, false pairs on copies, pairs between untouched samples); test: the Fashion-MNIST
// test set, nothing planted (pairs flagged, and how many are under the pixel yardstick).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { SIMILARITY_FLOOR, adaptiveThreshold } from '../src/core/factors/adaptiveThreshold';
import { LocalRatioRule, localRatioRule } from '../src/core/factors/localRatio';
import { EffectiveThresholds, findSimilarSamples } from '../src/core/factors/similarity';
import { NeighbourLists } from '../src/core/factors/neighbours';
import { ALIGNED_CANDIDATES, AlignedScores, GreyImages, alignedScores, greyImages, nearestAligned } from '../src/core/factors/alignedCorrelation';
import { writePlantedFolder } from '../test/helpers/plantedFolder';
import { TRUE_PAIR_MAX_DIFFERENCE, alignedPixelDifference } from './alignedPixelDifference';
import { blurredImages } from './blurredImages';
import { FASHION_TEST, fashionPlanted } from './neardupSets';
import { trainedFactors } from './trainedFactors';

const Z_GRID = (process.env.Z_GRID ?? '2,2.5,3,3.5,4').split(',').map(Number);

type Variant = { name: string; images: (grey: GreyImages, n: number) => GreyImages };
const VARIANTS: Variant[] = [
  { name: 'aligned pixels ±2 px (default)', images: (g) => g },
  { name: 'aligned, blur σ1', images: (g, n) => blurredImages(g, n, 1) },
  { name: 'aligned, blur σ1.5', images: (g, n) => blurredImages(g, n, 1.5) },
];

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'train';
  const rows = Number(process.argv[3] ?? 800);
  if (which !== 'train' && which !== 'test') throw new Error(`neardupScorers: first argument must be train or test, got "${which}"`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neardup-scorers-'));
  const pairs = which === 'train' ? writePlantedFolder(root, rows, 12).pairs : [];
  const { dataset } = which === 'train' ? await loadDataset(root) : await loadDataset(FASHION_TEST, { limit: rows });
  const { factors } = await trainedFactors(dataset, which === 'train' ? 3 : undefined);
  fs.rmSync(root, { recursive: true, force: true });
  const planted = fashionPlanted(dataset, pairs);
  const n = dataset.ids.length;
  const grey = greyImages(dataset.X, n, dataset.image!);
  const types = [...new Set(planted.map((p) => p.type))];
  const touched = new Set(planted.flatMap((p) => [p.s, p.c]));
  const sourceOf = new Map(planted.map((p) => [p.c, p.s]));
  const yardstick = (i: number, j: number) => alignedPixelDifference(grey.data.subarray(i * 784, (i + 1) * 784), grey.data.subarray(j * 784, (j + 1) * 784), 28, 28);
  const evaluate = (label: string, rule: string, thresholds: EffectiveThresholds, candidates: NeighbourLists, aligned?: AlignedScores) => {
    const similar = findSimilarSamples({ n, labels: dataset.y, embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: dataset.contentHashes, aligned }, thresholds);
    let flagged = 0;
    let close = 0;
    let untouched = 0;
    for (let i = 0; i < n; i++) {
      for (const { index: j } of similar.neighbours[i]) {
        if (j < i) continue;
        flagged++;
        if (!touched.has(i) && !touched.has(j)) untouched++;
        if (yardstick(i, j) <= TRUE_PAIR_MAX_DIFFERENCE) close++;
      }
    }
    const falsePairs = planted.reduce((sum, p) => sum + similar.neighbours[p.c].filter((x) => x.index !== p.s && sourceOf.get(x.index) !== p.s).length, 0);
    const found = types.map((t) => planted.filter((p) => p.type === t && similar.neighbours[p.c].some((x) => x.index === p.s)).length);
    console.log(`| ${label} | ${rule} | ${flagged} | ${close} | ${untouched} | ${falsePairs} | ${found.join(' / ')} |`);
  };
  console.log(`# Fashion-MNIST ${which}, ${n} rows, ${planted.length} planted\n`);
  console.log(`| score | rule | flagged pairs | of them aligned pixel difference ≤ ${TRUE_PAIR_MAX_DIFFERENCE} | pairs of untouched samples | false pairs on copies | copies found: ${types.join(' / ')} |`);
  console.log('|---|---|---|---|---|---|---|');
  const today = factors.thresholds;
  const todayLocal = today.local ? { local: today.local } : {};
  evaluate('thumbnails (before)', `global ≥ ${today.input}`, { input: today.input, embedding: -1 }, factors.candidates);
  evaluate('thumbnails (before)', `global + local ≤ ${today.local?.cut}`, { input: today.input, embedding: -1, ...todayLocal }, factors.candidates);
  for (const variant of VARIANTS.filter((v, k) => k === 0 || process.env.BLUR)) {
    const started = Date.now();
    const aligned = alignedScores(factors.candidates, variant.images(grey, n), Number(process.env.ALIGNED_CANDIDATES ?? ALIGNED_CANDIDATES));
    const label = `${variant.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
    const nearest = nearestAligned(aligned);
    const local = localRatioRule(sortedLists(factors.candidates, aligned));
    for (const z of Z_GRID) {
      const choice = adaptiveThreshold(nearest, z);
      evaluate(label, `alone: global z ${z} ≥ ${choice.threshold}`, { input: Infinity, embedding: -1, aligned: choice.threshold }, factors.candidates, aligned);
      evaluate(label, `or thumbnail global + local: z ${z} ≥ ${choice.threshold}`, { input: today.input, embedding: -1, ...todayLocal, aligned: choice.threshold }, factors.candidates, aligned);
      evaluate(label, `or thumbnail global: z ${z} ≥ ${choice.threshold}`, { input: today.input, embedding: -1, aligned: choice.threshold }, factors.candidates, aligned);
    }
    evaluate(label, `alone: global z 2 + local ≤ ${local?.cut}`, { input: Infinity, embedding: -1, ...withLocal(local) }, sortedLists(factors.candidates, aligned), undefined);
  }
}

function withLocal(local: LocalRatioRule | null): Partial<EffectiveThresholds> {
  return local ? { local: { ...local, floor: SIMILARITY_FLOOR } } : {};
}

/** The aligned scores as candidate lists of their own, most similar first (for the local rule on them). */
function sortedLists(candidates: NeighbourLists, aligned: AlignedScores): NeighbourLists {
  const { m } = aligned;
  const n = aligned.scores.length / m;
  const indices = new Int32Array(n * m).fill(-1);
  const similarities = new Float32Array(n * m).fill(NaN);
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: m }, (_, r) => [candidates.indices[i * candidates.k + r], aligned.scores[i * m + r]] as const)
      .filter(([j]) => j >= 0)
      .sort((a, b) => b[1] - a[1]);
    row.forEach(([j, s], r) => {
      indices[i * m + r] = j;
      similarities[i * m + r] = s;
    });
  }
  return { k: m, indices, similarities };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
