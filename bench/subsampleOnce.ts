// ForgetLens's thorough-mode estimator alone (K models on random 70% subsets, trained in worker
// threads) in a fresh process, timed like the PyTorch reference's. Prints one JSON line and writes
// the per-sample hard estimate (float32, dataset order) to the given file.
import * as fs from 'node:fs';
import { subsampleMemorization } from '../src/core/factors/memorization';
import { trainSubsetModelsInParallel } from '../src/core/model/parallelSubsetModels';
import { randomSubsets } from '../src/core/model/subsetModels';
import { benchData } from './benchData';

async function main(): Promise<void> {
  const [source, limit, k, workers, out] = process.argv.slice(2);
  const d = await benchData('', source, limit ? Number(limit) : undefined);
  const { dataset, split, arch, train } = d;
  const subsets = randomSubsets(dataset.y, split.trainIdx, Number(k), 0.7, train.seed);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const outcomes = await trainSubsetModelsInParallel(
    { X: dataset.X, y: dataset.y, numFeatures: dataset.numFeatures, numClasses: dataset.classes.length },
    arch,
    subsets,
    { epochs: train.epochs, batchSize: train.batchSize, learningRate: train.learningRate },
    train.seed,
    { workers: Number(workers), backend: 'auto' },
    () => undefined,
  );
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const estimate = subsampleMemorization(outcomes, dataset.y.length);
  const hard = Float32Array.from(estimate.memorization, (v, i) => (split.trainMask[i] ? v : NaN));
  fs.writeFileSync(out, Buffer.from(hard.buffer));
  const secondsPerModel = outcomes.reduce((s, o) => s + o.seconds, 0) / outcomes.length;
  process.stdout.write(JSON.stringify({ k: Number(k), workers: Number(workers), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, secondsPerModel }) + '\n');
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
