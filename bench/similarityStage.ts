// The similarity stage of a fast audit alone, on the first N Fashion-MNIST images (default 60k):
//   node --import tsx bench/similarityStage.ts [rows]
// With BENCH_COMPARE_SRC=<another checkout>/src the same stage of that code runs first, on the
// same data in the same process, so the ratio holds even on a loaded machine. The embeddings come
// from an untrained MLP of the audit's shape: the stage's cost depends on the shapes, not the
// weights (the near-duplicate recall of a trained model's search is in a real audit's
// diagnostics.inputSearch.recallAtK).
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { initBackend } from '../src/core/model/backend';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp } from '../src/core/model/mlp';
import { predictAll } from '../src/core/model/predict';
import { heldOutSplit } from '../src/core/audit/splits';
import { Stopwatch } from '../src/core/audit/stopwatch';
import { DEFAULT_AUDIT_OPTIONS } from '../src/core/audit/options';
import { FASHION } from './benchData';

/** Lines starting with this carry one implementation's result as JSON (read by bench/similaritySection.ts). */
export const RESULT_PREFIX = 'SIMILARITY_STAGE ';

type ComputeFactors = typeof import('../src/core/audit/computeFactors').computeFactors;

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 60_000);
  await initBackend('auto');
  const { dataset } = await loadDataset(FASHION, { limit: rows });
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const model = Mlp.create({ inputDim: dataset.numFeatures, hidden: [256, 128], numClasses: dataset.classes.length }, 0);
  const predictions = predictAll(model, data, { embeddings: true });
  const split = heldOutSplit(dataset.y, DEFAULT_AUDIT_OPTIONS.testFraction, 0);
  const inputs = { dataset, data, split, predictions, contentHashes: dataset.contentHashes };
  const implementations: Array<[string, string]> = [];
  if (process.env.BENCH_COMPARE_SRC) implementations.push(['compared', path.resolve(process.env.BENCH_COMPARE_SRC, 'core/audit/computeFactors')]);
  implementations.push(['this code', path.join(__dirname, '..', 'src', 'core', 'audit', 'computeFactors')]);
  for (const [label, module] of implementations) {
    // The module path is chosen at run time (this checkout or BENCH_COMPARE_SRC's), so it is required, not imported.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const computeFactors = (require(module) as { computeFactors: ComputeFactors }).computeFactors;
    const clock = new Stopwatch();
    const cpuBefore = process.cpuUsage();
    // Each implementation with its own default settings.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const options = (require(path.join(path.dirname(module), 'options')) as { DEFAULT_AUDIT_OPTIONS: typeof DEFAULT_AUDIT_OPTIONS }).DEFAULT_AUDIT_OPTIONS;
    const factors = await computeFactors(inputs as Parameters<ComputeFactors>[0], options, clock);
    const t = clock.timings();
    // CPU of every thread of the process (workers included), robust to other processes' load; it also counts the short factors stage after the similarity stage.
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = Math.round((cpu.user + cpu.system) / 1e4) / 100;
    // Equal fingerprints: both codes scored the same candidate pairs to the same similarities.
    const fingerprint = createHash('sha1').update(new Uint8Array(factors.candidates.indices.buffer)).update(new Uint8Array(factors.candidates.similarities.buffer)).digest('hex').slice(0, 12);
    const flagged = Array.from(factors.similar.count).filter((c) => c > 0).length;
    const embeddingSearch = (factors as { embeddingSearch?: unknown }).embeddingSearch ?? null;
    console.log(`${label}: ${rows} rows, similarity stage ${t.similarity.toFixed(1)} s (CPU ${cpuSeconds} s with the factors stage), ${flagged} samples with near-duplicates, candidates ${fingerprint}, search ${JSON.stringify(factors.inputSearch)}, model-space search ${JSON.stringify(embeddingSearch)}`);
    console.log(`${RESULT_PREFIX}${JSON.stringify({ label, rows, seconds: t.similarity, cpuSeconds, flagged, fingerprint, inputSearch: factors.inputSearch, embeddingSearch })}`);
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
