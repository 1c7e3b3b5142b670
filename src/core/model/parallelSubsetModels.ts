import * as os from 'node:os';
import { SubsetModelOutcome } from '../factors/memorization';
import { JobContext } from '../progress';
import { deriveSeed } from '../util/random';
import { runJobsInWorkers, toShared, workerScript } from '../util/workerPool';
import { FleetProgress, trainSubsetModelsOnQueue } from '../queue/coordinator';
import { BackendPreference, activeBackend } from './backend';
import { toDeviceData } from './deviceData';
import { MlpArchitecture } from './mlp';
import { trainOneSubsetModel } from './subsetModels';
import { TrainOptions } from './train';
import type { SubsetDone, SubsetJob, SubsetWorkerData } from './subsetWorker';

export interface HostData {
  X: Float32Array;
  y: Int32Array;
  numFeatures: number;
  numClasses: number;
}

export type SubsetTrainOptions = Omit<TrainOptions, 'record' | 'seed' | 'onEpoch'>;

export interface SubsetExecution {
  workers?: number;
  backend: BackendPreference;
  /** A redis:// or rediss:// URL: the models become jobs on that BullMQ queue instead (docs/queue.md). */
  queue?: string;
  /** With a queue: models done, of all, and workers seen. */
  onFleetProgress?: (progress: FleetProgress) => void;
}

/**
 * Train one model per subset, spread over worker threads (each with its own TF.js backend instance:
 * the wasm backend is single-threaded, so this is how both cores get used). The result does not
 * depend on the number of workers: model k always gets the seed derived from (seed, k).
 */
export async function trainSubsetModelsInParallel(
  host: HostData,
  arch: MlpArchitecture,
  subsets: Int32Array[],
  trainOptions: SubsetTrainOptions,
  seed: number,
  settings: SubsetExecution,
  onModelDone: (done: number) => void,
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
  if (settings.queue) {
    let reported = 0;
    const onProgress = (progress: FleetProgress) => {
      settings.onFleetProgress?.(progress);
      if (progress.done > reported) onModelDone((reported = progress.done));
    };
    // Workers must train on the backend this process resolved, as its own threads would.
    const queue = { url: settings.queue, backend: settings.backend, expectedBackend: activeBackend()?.name, onProgress };
    return trainSubsetModelsOnQueue(host, arch, subsets, trainOptions, seed, queue, ctx);
  }
  const workers = Math.max(1, Math.min(settings.workers ?? defaultWorkerCount(), subsets.length));
  if (workers === 1) return trainInProcess(host, arch, subsets, trainOptions, seed, onModelDone, ctx);
  return trainInWorkers(host, arch, subsets, trainOptions, seed, workers, settings.backend, onModelDone, ctx);
}

export function defaultWorkerCount(): number {
  return Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length));
}

async function trainInProcess(
  host: HostData,
  arch: MlpArchitecture,
  subsets: Int32Array[],
  trainOptions: SubsetTrainOptions,
  seed: number,
  onModelDone: (done: number) => void,
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
  const data = toDeviceData(host.X, host.numFeatures, host.y, host.numClasses);
  try {
    const outcomes: SubsetModelOutcome[] = [];
    for (let k = 0; k < subsets.length; k++) {
      outcomes.push(await trainOneSubsetModel(data, arch, subsets[k], trainOptions, deriveSeed(seed, 'model', k), ctx));
      onModelDone(k + 1);
    }
    return outcomes;
  } finally {
    data.dispose();
  }
}

async function trainInWorkers(
  host: HostData,
  arch: MlpArchitecture,
  subsets: Int32Array[],
  trainOptions: SubsetTrainOptions,
  seed: number,
  workerCount: number,
  backend: BackendPreference,
  onModelDone: (done: number) => void,
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
  const workerData: SubsetWorkerData = { X: toShared(host.X), y: toShared(host.y), arch, numClasses: host.numClasses, trainOptions, backend };
  const jobs: SubsetJob[] = subsets.map((subset, k) => ({ k, subset, seed: deriveSeed(seed, 'model', k) }));
  const outcomes: SubsetModelOutcome[] = new Array(subsets.length);
  const script = workerScript(__dirname, 'subsetWorker');
  if (!script) throw new Error(`the training worker subsetWorker.js is missing next to ${__dirname}`);
  await runJobsInWorkers<SubsetJob, SubsetDone>(
    script,
    workerData,
    jobs,
    workerCount,
    'training',
    (reply, done) => {
      const member = new Uint8Array(host.y.length);
      for (const i of subsets[reply.k]) member[i] = 1;
      outcomes[reply.k] = { member, pTrue: reply.pTrue, correct: reply.correct, seconds: reply.seconds };
      onModelDone(done);
    },
    ctx,
  );
  return outcomes;
}
