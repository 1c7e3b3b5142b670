import { parentPort, workerData } from 'node:worker_threads';
import { BackendPreference, initBackend } from './backend';
import { DeviceData, toDeviceData } from './deviceData';
import { MlpArchitecture } from './mlp';
import { trainOneSubsetModel } from './subsetModels';
import type { SubsetTrainOptions } from './parallelSubsetModels';
import { serveJobs } from '../util/workerPool';

export interface SubsetWorkerData {
  X: Float32Array;
  y: Int32Array;
  arch: MlpArchitecture;
  numClasses: number;
  trainOptions: SubsetTrainOptions;
  backend: BackendPreference;
}

export interface SubsetJob {
  k: number;
  subset: Int32Array;
  seed: number;
}

export interface SubsetDone {
  k: number;
  pTrue: Float32Array;
  correct: Uint8Array;
  seconds: number;
  /** The backend this thread trains on (runs agree bit for bit only on the same one). */
  backend: string;
}

if (parentPort) {
  const setup = workerData as SubsetWorkerData;
  let data: DeviceData | undefined;
  let backend = '';
  const ready = initBackend(setup.backend).then((info) => {
    backend = info.name;
    data = toDeviceData(setup.X, setup.arch.inputDim, setup.y, setup.numClasses);
  });
  serveJobs<SubsetJob, SubsetDone>(parentPort, ready, async (job) => {
    const outcome = await trainOneSubsetModel(data!, setup.arch, job.subset, setup.trainOptions, job.seed);
    const reply: SubsetDone = { k: job.k, pTrue: outcome.pTrue, correct: outcome.correct, seconds: outcome.seconds, backend };
    return { reply, transfer: [outcome.pTrue.buffer as ArrayBuffer, outcome.correct.buffer as ArrayBuffer] };
  });
}
