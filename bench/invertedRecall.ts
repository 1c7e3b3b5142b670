// Recall and time of the inverted-list search against the exact projected search, on the two
// searches of the similarity stage (model space, thumbnails) of the first N Fashion-MNIST images:
//   node --import tsx bench/invertedRecall.ts [rows] [probes,probes,...]
import { loadDataset } from '../src/core/data/load';
import { initBackend } from '../src/core/model/backend';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp } from '../src/core/model/mlp';
import { predictAll } from '../src/core/model/predict';
import { heldOutSplit } from '../src/core/audit/splits';
import { DEFAULT_AUDIT_OPTIONS } from '../src/core/audit/options';
import { centredUnitRows, rangeScaledColumns, topKNeighbours, NeighbourLists } from '../src/core/factors/neighbours';
import { principalProjection } from '../src/core/factors/projectedSearch';
import { invertedTopK } from '../src/core/factors/invertedSearch';
import { searchRecall } from '../src/core/factors/searchRecall';
import { grayThumbnails } from '../src/core/factors/thumbnails';
import { imageLayout } from '../src/core/factors/imageLayout';
import { FASHION } from './benchData';

const K = 50;
const DIM = 32;

/** Share of each row's exact list that `got` also lists. */
function overlap(exact: NeighbourLists, got: NeighbourLists, n: number, first: number): number {
  let found = 0;
  for (let i = 0; i < n; i++) {
    const listed = new Set(got.indices.subarray(i * got.k, (i + 1) * got.k));
    for (let r = 0; r < first; r++) if (listed.has(exact.indices[i * exact.k + r])) found++;
  }
  return found / (n * first);
}

/** Wall and CPU seconds (all threads) since t and cpu. */
function seconds(t: number, cpu: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(cpu);
  return `${((Date.now() - t) / 1000).toFixed(1)} s wall, ${((used.user + used.system) / 1e6).toFixed(1)} CPU s`;
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 60_000);
  const probeCounts = (process.argv[3] ?? '8,16,24').split(',').map(Number);
  await initBackend('auto');
  const { dataset } = await loadDataset(FASHION, { limit: rows });
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const model = Mlp.create({ inputDim: dataset.numFeatures, hidden: [256, 128], numClasses: dataset.classes.length }, 0);
  const predictions = predictAll(model, data, { embeddings: true });
  const allowed = heldOutSplit(dataset.y, DEFAULT_AUDIT_OPTIONS.testFraction, 0).trainMask;
  const n = rows;
  const inputRows = rangeScaledColumns(data.X.dataSync() as Float32Array, n, dataset.numFeatures);
  const thumbnails = grayThumbnails(inputRows, n, imageLayout(dataset)!);
  const spaces: Array<[string, Float32Array, number]> = [
    ['model space', centredUnitRows(predictions.embeddings!, n, predictions.embeddingDim), predictions.embeddingDim],
    ['thumbnails', thumbnails.data, thumbnails.side ** 2],
  ];
  for (const [name, unit, dim] of spaces) {
    const projected = principalProjection(unit, n, dim, DIM);
    let t = Date.now();
    let cpu = process.cpuUsage();
    // BENCH_SKIP_EXACT=1: recall against the full rows only (the exact projected search takes longest).
    const exact = process.env.BENCH_SKIP_EXACT ? null : await topKNeighbours(projected, n, DIM, K, { allowed, exact: { rows: unit, dim } });
    if (exact) console.log(`${name}: exact projected search ${seconds(t, cpu)}, recall@10 ${searchRecall(unit, n, dim, exact, 10, 200, 0, allowed)}`);
    for (const probes of probeCounts) {
      t = Date.now();
      cpu = process.cpuUsage();
      const got = await invertedTopK(projected, n, DIM, K, { lists: (m) => Math.round(Math.sqrt(m)), probes }, { allowed, exact: { rows: unit, dim } });
      const time = seconds(t, cpu);
      const shares = exact ? `, share of the exact projected search's first 1 / 10 / 50 found ${[1, 10, 50].map((f) => overlap(exact, got, n, f).toFixed(4)).join(' / ')}` : '';
      console.log(`${name}: ${got.index.lists} lists, ${probes} probes: ${time}, recall@10 ${searchRecall(unit, n, dim, got, 10, 200, 0, allowed)}${shares}`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
