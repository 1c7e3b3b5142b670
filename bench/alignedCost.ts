// CPU time of the aligned pixel correlation alone, on the first N Fashion-MNIST training images
// with ALIGNED_CANDIDATES candidates each (fixed stand-in lists: the cost depends on how many pairs,
// not on which):
//   node --import tsx bench/alignedCost.ts [rows, default 10000] [candidates]
import { loadDataset } from '../src/core/data/load';
import { ALIGNED_CANDIDATES, alignedScores, greyImages } from '../src/core/factors/alignedCorrelation';
import { FASHION } from './benchData';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const m = Number(process.argv[3] ?? ALIGNED_CANDIDATES);
  const { dataset } = await loadDataset(FASHION, { limit: rows });
  const n = dataset.ids.length;
  // Sample i's candidates i + 1, i + 8, i + 15, …: no pair listed from both sides, so every pair is scored.
  const indices = Int32Array.from({ length: n * m }, (_, p) => (Math.floor(p / m) + 1 + (p % m) * 7) % n);
  const started = process.cpuUsage();
  const wall = Date.now();
  alignedScores({ k: m, indices, similarities: new Float32Array(n * m) }, greyImages(dataset.X, n, dataset.image!), m);
  const cpu = process.cpuUsage(started).user / 1e6;
  console.log(`${n} rows × ${m} candidates: ${cpu.toFixed(2)} s CPU, ${((Date.now() - wall) / 1000).toFixed(2)} s wall`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
