// How many samples each near-duplicate rule flags on the first N Fashion-MNIST training images,
// with the audit's trained model (not the untrained one of similarityStage.ts), and how far apart
// the flagged pairs are in pixels:
//   node --import tsx bench/neardupDensity.ts [rows]
import { loadDataset } from '../src/core/data/load';
import { rangeScaledColumns } from '../src/core/factors/neighbours';
import { FASHION } from './benchData';
import { trainedFactors } from './trainedFactors';

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000);
  const { dataset } = await loadDataset(FASHION, { limit: rows });
  const n = dataset.ids.length;
  const { factors, clock } = await trainedFactors(dataset);
  const pixels = rangeScaledColumns(dataset.X, n, dataset.numFeatures);
  const dim = dataset.numFeatures;
  const diff = (i: number, j: number) => {
    let s = 0;
    for (let p = 0; p < dim; p++) s += Math.abs(pixels[i * dim + p] - pixels[j * dim + p]);
    return (255 * s) / dim;
  };
  const global: number[] = [];
  const localOnly: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const { index, similarity } of factors.similar.neighbours[i]) {
      if (index < i) continue;
      (similarity >= factors.thresholds.input ? global : localOnly).push(diff(i, index));
    }
  }
  const q = (v: number[], p: number) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(p * (v.length - 1))].toFixed(1) : '–');
  const flagged = Array.from(factors.similar.count).filter((c) => c > 0).length;
  console.log(`${n} rows: similarity stage ${clock.timings().similarity.toFixed(1)} s; ${flagged} samples flagged; ${JSON.stringify(factors.embeddingSearch)}; thumbnails ${JSON.stringify(factors.nearDuplicates.thumbnailSearch)}; ${factors.nearDuplicates.why}`);
  console.log(`pairs by the global threshold: ${global.length}, mean |pixel difference| (of 255) median ${q(global, 0.5)}, 90th percentile ${q(global, 0.9)}`);
  console.log(`pairs by the local rule only: ${localOnly.length}, median ${q(localOnly, 0.5)}, 90th percentile ${q(localOnly, 0.9)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
