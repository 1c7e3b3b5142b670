// Thorough mode's models on the BullMQ queue against local worker threads, on one machine: the
// per-job cost and the queue's overhead per job, and from them a scaling model for a fleet.
// Also a whole forget audit (its retrains, cross-fit models and seven unlearning runs as jobs)
// on two queue workers against the local run. Alone: `npm run bench:queue` (BENCH_QUEUE_K=8
// BENCH_QUEUE_DATA=digits|10000), or `BENCH_ONLY=queue npm run bench` to replace the section in docs/BENCHMARKS.md.
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
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

export interface CliTimed {
  what: string;
  label: string;
  seconds: number;
  /** Every per-sample score equals the local run's. */
  sameSamples: boolean;
}

const FORGET_ARGS = ['--retrain-seeds', '3'];
const THOROUGH_ARGS = ['--mode', 'thorough', '--k', '8'];

function timedCli(args: string[], cwd: string): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'dist', 'cli.js'), ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('exit', (code) => (code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`forgetlens ${args.join(' ')} exited ${code}: ${stderr.slice(-800)}`))));
  });
}

/**
 * With the built CLI (the same bundle on both sides): a thorough digits audit (K = 8) in 2 local
 * threads against 2 queue workers, and a forget audit of 30 digits (all seven algorithms) run here
 * against everything of it queued on the same 2 workers. Each on a fresh Redis.
 */
export async function cliMeasurements(): Promise<CliTimed[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-bench-cli-'));
  fs.writeFileSync(path.join(dir, 'request.txt'), Array.from({ length: 30 }, (_, i) => `d${1 + i * 50}`).join('\n') + '\n');
  const commands = [
    { what: 'thorough audit, K = 8', file: 'audit.json', args: ['audit', DIGITS, ...THOROUGH_ARGS, '--workers', '2'], local: 'local, 2 worker threads' },
    { what: 'forget audit, 30 samples', file: 'forget-audit.json', args: ['forget', DIGITS, '--forget', 'request.txt', ...FORGET_ARGS], local: 'local (models in 2 threads, algorithms one after another)' },
  ];
  const samples = (out: string, file: string) => JSON.stringify(JSON.parse(fs.readFileSync(path.join(dir, out, file), 'utf8')).samples);
  const rows: CliTimed[] = [];
  try {
    for (const [i, c] of commands.entries()) {
      rows.push({ what: c.what, label: c.local, seconds: await timedCli([...c.args, '--out', `local-${i}`], dir), sameSamples: true });
      const redis = await startRedis();
      const workers = [1, 2].map(() => startWorker(redis.url, ['--concurrency', '1'], {}));
      try {
        await waitFor(() => workers.every((w) => /at a time/.test(w.log())), 60_000, () => workers.map((w) => w.log()).join('\n'));
        const seconds = await timedCli([...c.args, '--out', `queued-${i}`, '--queue', redis.url], dir);
        rows.push({ what: c.what, label: 'queue, 2 worker processes × 1', seconds, sameSamples: samples(`queued-${i}`, c.file) === samples(`local-${i}`, c.file) });
      } finally {
        await Promise.all(workers.map((w) => w.stop()));
        await redis.stop();
      }
    }
    return rows;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Overhead per job: wall time × parallel slots / K, minus the time the model itself trained. */
function overheadMs(run: Timed, slots: number, k: number): number {
  return ((run.seconds * slots) / k - run.trainSeconds) * 1000;
}

export function queueSection(d: BenchData, k: number, runs: Timed[], cli?: CliTimed[]): string {
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
    `\n\nScaling model (docs/queue.md): wall ≈ upload + ⌈K / W⌉ × (c + o) with c = ${perJob.toFixed(2)} s and o = ${(overhead * 1000).toFixed(0)} ms measured here. ` +
    `2 queue workers against 2 local threads: ${(runs[2].seconds / runs[0].seconds).toFixed(2)}× the wall time; ` +
    'but the local threads here run the TypeScript source through tsx (the bench runs from source) while the workers run the bundle, ' +
    'so compare the end-to-end rows below, where both sides run the same built CLI.' +
    (cli ? '\n\n' + cliTable(cli) : '')
  );
}

function cliTable(cli: CliTimed[]): string {
  const local = (what: string) => cli.find((r) => r.what === what)!.seconds;
  const rows = cli.map((r) => ['digits', r.what, r.label, r.seconds.toFixed(1), (r.seconds / local(r.what)).toFixed(2), r.sameSamples ? 'yes' : '**no**']);
  return (
    `End to end with the built CLI, 2 local threads against 2 queue workers on the same 2 cores: \`audit ${THOROUGH_ARGS.join(' ')}\`, and a forget audit ` +
    `of 30 digits (all seven algorithms, RUM off, ${FORGET_ARGS.join(' ')}, epochs sized from the data). Queued, every model and every unlearning run is a job; ` +
    'the coordinator still trains the original model and runs the similarity search itself.\n\n' +
    table(['dataset', 'command', 'run', 'wall s', '× local', 'per-sample results equal the local run'], rows)
  );
}

async function main(): Promise<void> {
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const which = process.env.BENCH_QUEUE_DATA ?? 'digits';
  const k = Number(process.env.BENCH_QUEUE_K ?? 8);
  const d = which === 'digits' ? await benchData('digits', DIGITS) : await benchData(`Fashion-MNIST ${Number(which) / 1000}k`, FASHION, Number(which));
  const runs = await queueMeasurements(d, k);
  console.log(queueSection(d, k, runs, await cliMeasurements()));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
