import { parentPort, workerData } from 'node:worker_threads';
import { BackendPreference, initBackend } from './backend';
import { DeviceData, toDeviceData } from './deviceData';
import { MlpArchitecture } from './mlp';
import { trainOneSubsetModel } from './subsetModels';
import type { SubsetTrainOptions } from './parallelSubsetModels';

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

export type SubsetWorkerReply =
  | { type: 'done'; k: number; pTrue: Float32Array; correct: Uint8Array; seconds: number }
  | { type: 'error'; message: string };

async function serve(port: NonNullable<typeof parentPort>, setup: SubsetWorkerData): Promise<void> {
  let data: DeviceData | undefined;
  const ready = initBackend(setup.backend).then(() => {
    data = toDeviceData(setup.X, setup.arch.inputDim, setup.y, setup.numClasses);
  });
  let queue = Promise.resolve();
  port.on('message', (job: SubsetJob) => {
    queue = queue.then(async () => {
      try {
        await ready;
        const outcome = await trainOneSubsetModel(data!, setup.arch, job.subset, setup.trainOptions, job.seed);
        const reply: SubsetWorkerReply = { type: 'done', k: job.k, pTrue: outcome.pTrue, correct: outcome.correct, seconds: outcome.seconds };
        port.postMessage(reply, [outcome.pTrue.buffer as ArrayBuffer, outcome.correct.buffer as ArrayBuffer]);
      } catch (err) {
        port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies SubsetWorkerReply);
      }
    });
  });
}

if (parentPort) void serve(parentPort, workerData as SubsetWorkerData);
