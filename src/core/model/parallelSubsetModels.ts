import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import { SubsetModelOutcome } from '../factors/memorization';
import { JobContext } from '../progress';
import { deriveSeed } from '../util/random';
import { BackendPreference } from './backend';
import { toDeviceData } from './deviceData';
import { MlpArchitecture } from './mlp';
import { trainOneSubsetModel } from './subsetModels';
import { TrainOptions } from './train';
import type { SubsetJob, SubsetWorkerData, SubsetWorkerReply } from './subsetWorker';

export interface HostData {
  X: Float32Array;
  y: Int32Array;
  numFeatures: number;
  numClasses: number;
}

export type SubsetTrainOptions = Omit<TrainOptions, 'record' | 'seed' | 'onEpoch'>;

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
  settings: { workers?: number; backend: BackendPreference },
  onModelDone: (done: number) => void,
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
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

function trainInWorkers(
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
  const entry = workerEntry();
  const outcomes: SubsetModelOutcome[] = new Array(subsets.length);
  const pool: Worker[] = [];
  let next = 0;
  let done = 0;
  return new Promise<SubsetModelOutcome[]>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      ctx?.signal?.removeEventListener('abort', onAbort);
      for (const worker of pool) void worker.terminate();
      if (err) reject(err);
      else resolve(outcomes);
    };
    const onAbort = () => finish(new CancelledError());
    ctx?.signal?.addEventListener('abort', onAbort);
    if (ctx?.signal?.aborted) return onAbort();
    const dispatch = (worker: Worker) => {
      if (next >= subsets.length) return;
      const k = next++;
      const job: SubsetJob = { k, subset: subsets[k], seed: deriveSeed(seed, 'model', k) };
      worker.postMessage(job);
    };
    for (let w = 0; w < workerCount; w++) {
      const worker = new Worker(entry.code, { workerData, eval: entry.eval });
      pool.push(worker);
      worker.on('message', (reply: SubsetWorkerReply) => {
        if (reply.type === 'error') return finish(new Error(`training worker failed: ${reply.message}`));
        const member = new Uint8Array(host.y.length);
        for (const i of subsets[reply.k]) member[i] = 1;
        outcomes[reply.k] = { member, pTrue: reply.pTrue, correct: reply.correct, seconds: reply.seconds };
        done++;
        onModelDone(done);
        if (done === subsets.length) finish();
        else dispatch(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (code !== 0) finish(new Error(`training worker exited with code ${code}`));
      });
      dispatch(worker);
    }
  });
}

function toShared<T extends Float32Array | Int32Array>(array: T): T {
  const shared = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as { new (buffer: SharedArrayBuffer): T })(shared);
  copy.set(array);
  return copy;
}

/** The bundled worker sits next to the bundle; from source (tests under tsx) the .ts file is loaded through tsx. */
function workerEntry(): { code: string; eval: boolean } {
  const bundled = path.join(__dirname, 'subsetWorker.js');
  if (fs.existsSync(bundled)) return { code: bundled, eval: false };
  const source = path.join(__dirname, 'subsetWorker.ts');
  return { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
}
