// CPU time of the aligned pixel correlation alone, on the first N Fashion-MNIST training images
// with ALIGNED_CANDIDATES candidates each (fixed stand-in lists: the cost depends on how many pairs,
// not on which), against the first implementation (test/helpers/alignedReference.ts) in the same
// run, with the largest score difference between the two:
//   node --import tsx bench/alignedCost.ts [rows, default 10000] [candidates]
import { loadDataset } from '../src/core/data/load';
import { ALIGNED_CANDIDATES, GreyImages, alignedScores, greyImages } from '../src/core/factors/alignedCorrelation';
import { referenceAlignedCorrelation } from '../test/helpers/alignedReference';
import { FASHION } from './benchData';

function timed<T>(run: () => T): { result: T; cpu: number; wall: number } {
  const started = process.cpuUsage();
  const wall = Date.now();
  const result = run();
  return { result, cpu: process.cpuUsage(started).user / 1e6, wall: (Date.now() - wall) / 1000 };
}

/** The first implementation's scores, pair by pair (every pair of the stand-in lists is distinct). */
function referenceScores(indices: Int32Array, m: number, images: GreyImages): Float32Array {
  return Float32Array.from(indices, (j, p) => referenceAlignedCorrelation(images, Math.min(Math.floor(p / m), j), Math.max(Math.floor(p / m), j)));
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const m = Number(process.argv[3] ?? ALIGNED_CANDIDATES);
  const { dataset } = await loadDataset(FASHION, { limit: rows });
  const n = dataset.ids.length;
  // Sample i's candidates i + 1, i + 8, i + 15, …: no pair listed from both sides, so every pair is scored.
  const indices = Int32Array.from({ length: n * m }, (_, p) => (Math.floor(p / m) + 1 + (p % m) * 7) % n);
  const grey = timed(() => greyImages(dataset.X, n, dataset.image!));
  const fast = timed(() => alignedScores({ k: m, indices, similarities: new Float32Array(n * m) }, grey.result, m).scores);
  const reference = timed(() => referenceScores(indices, m, grey.result));
  let worst = 0;
  fast.result.forEach((s, p) => (worst = Math.max(worst, Math.abs(s - reference.result[p]))));
  console.log(`${n} rows × ${m} candidates: grey images ${grey.cpu.toFixed(2)} s CPU; aligned scores ${fast.cpu.toFixed(2)} s CPU, ${fast.wall.toFixed(2)} s wall; first implementation ${reference.cpu.toFixed(2)} s CPU, ${reference.wall.toFixed(2)} s wall; largest |Δ| ${worst}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
