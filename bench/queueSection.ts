// Thorough mode's models on the BullMQ queue against local worker threads, on one machine: the
// per-job cost and the queue's overhead per job, and from them a scaling model for a fleet.
// Alone: `npm run bench:queue` (BENCH_QUEUE_K=8 BENCH_QUEUE_DATA=digits|10000).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { randomSubsets } from '../src/core/model/subsetModels';
import { HostData, trainSubsetModelsInParallel } from '../src/core/model/parallelSubsetModels';
import { trainSubsetModelsOnQueue } from '../src/core/queue/coordinator';
import { startRedis, startWorker, waitFor } from '../test/helpers/redisServer';
import { BenchData, DIGITS, FASHION, ROOT, benchData } from './benchData';
import { table } from './format';

interface Timed {
  label: string;
  seconds: number;
  /** Mean seconds a model trained (inside its thread), over the K models. */
  trainSeconds: number;
}

const SUBSET_FRACTION = 0.7;

export async function queueMeasurements(d: BenchData, k: number): Promise<Timed[]> {
  const host: HostData = { X: d.dataset.X, y: d.dataset.y, numFeatures: d.dataset.numFeatures, numClasses: d.dataset.classes.length };
  const subsets = randomSubsets(host.y, d.split.trainIdx, k, SUBSET_FRACTION, 0);
  const train = { epochs: d.train.epochs, batchSize: d.train.batchSize, learningRate: d.train.learningRate };
  const runs: Timed[] = [];
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  let started = performance.now();
  const local = await trainSubsetModelsInParallel(host, d.arch, subsets, train, 0, { workers: 2, backend: 'wasm' }, () => undefined);
  runs.push({ label: 'local, 2 worker threads', seconds: (performance.now() - started) / 1000, trainSeconds: mean(local.map((o) => o.seconds)) });

  for (const count of [1, 2]) {
    // A fresh Redis per row: nothing cached, the dataset upload and each worker's download included.
    const redis = await startRedis();
    const workers = Array.from({ length: count }, () => startWorker(redis.url, ['--concurrency', '1'], {}));
    try {
      await waitFor(() => workers.every((w) => /at a time/.test(w.log())), 60_000, () => workers.map((w) => w.log()).join('\n'));
      started = performance.now();
      const queued = await trainSubsetModelsOnQueue(host, d.arch, subsets, train, 0, { url: redis.url, backend: 'wasm', onProgress: () => undefined });
      runs.push({ label: `queue, ${count} worker process${count > 1 ? 'es' : ''} × 1`, seconds: (performance.now() - started) / 1000, trainSeconds: mean(queued.map((o) => o.seconds)) });
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await redis.stop();
    }
  }
  return runs;
}

/** Overhead per job: wall time × parallel slots / K, minus the time the model itself trained. */
function overheadMs(run: Timed, slots: number, k: number): number {
  return ((run.seconds * slots) / k - run.trainSeconds) * 1000;
}

export function queueSection(d: BenchData, k: number, runs: Timed[]): string {
  const slots = [2, 1, 2];
  const rows = runs.map((r, i) => [d.label, r.label, String(k), r.seconds.toFixed(1), r.trainSeconds.toFixed(2), overheadMs(r, slots[i], k).toFixed(0)]);
  const perJob = runs[1].trainSeconds;
  const overhead = Math.max(0, overheadMs(runs[1], 1, k)) / 1000;
  return (
    '## Thorough mode on the queue (BullMQ on Redis) against local worker threads\n\n' +
    `${d.label}, K = ${k} models, wasm, on this machine (Redis, coordinator and workers share its ${2} cores). ` +
    'Every row includes publishing the dataset to a fresh Redis and each worker downloading it. ' +
    '"train s/model": mean time a model trained inside its thread; "overhead ms/job": wall × parallel slots / K − train s/model ' +
    '(dataset transfer, thread start, job hand-off, result upload and the coordinator\'s 250 ms polling).\n\n' +
    table(['dataset', 'run', 'K', 'wall s', 'train s/model', 'overhead ms/job'], rows) +
    `\n\nScaling model (docs/queue.md): wall ≈ upload + ⌈K / W⌉ × (c + o) with c = ${perJob.toFixed(2)} s and o = ${(overhead * 1000).toFixed(0)} ms measured here.`
  );
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const which = process.env.BENCH_QUEUE_DATA ?? 'digits';
  const k = Number(process.env.BENCH_QUEUE_K ?? 8);
  const d = which === 'digits' ? await benchData('digits', DIGITS) : await benchData(`Fashion-MNIST ${Number(which) / 1000}k`, FASHION, Number(which));
  console.log(queueSection(d, k, await queueMeasurements(d, k)));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
