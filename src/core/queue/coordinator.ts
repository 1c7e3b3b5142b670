import type { SubsetModelOutcome } from '../factors/memorization';
import type { BackendPreference } from '../model/backend';
import type { MlpArchitecture } from '../model/mlp';
import type { HostData, SubsetTrainOptions } from '../model/parallelSubsetModels';
import type { JobContext } from '../progress';
import { deriveSeed } from '../util/random';
import { indicesToBitmask } from './bitmask';
import { datasetHash, publishDataset } from './datasetStore';
import { SubsetJobPayload } from './jobSchema';
import { SUBSET_JOB } from './keys';
import { QueueRunSettings, runPayloadsOnQueue } from './queueRun';
import { decodeResult } from './resultCodec';

export type { FleetProgress, QueueRunSettings } from './queueRun';

/** Thorough mode's subsample models (or a forget audit's retrains) as BullMQ jobs, one per subset. */
export async function trainSubsetModelsOnQueue(
  host: HostData,
  arch: MlpArchitecture,
  subsets: Int32Array[],
  trainOptions: SubsetTrainOptions,
  seed: number,
  settings: QueueRunSettings & { backend: BackendPreference },
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
  const hash = datasetHash(host);
  const payloads = subsets.map((subset, k) => payloadFor(hash, subset, k, host.y.length, arch, trainOptions, deriveSeed(seed, 'model', k), settings.backend));
  const results = await runPayloadsOnQueue(
    SUBSET_JOB,
    payloads,
    {
      what: 'model',
      publish: (redis) => publishDataset(redis, hash, host),
      decode: (body) => {
        const value = decodeResult(body, host.y.length);
        return { value, backend: value.backend, workerId: value.workerId };
      },
    },
    settings,
    ctx,
  );
  return subsets.map((subset, k) => {
    const member = new Uint8Array(host.y.length);
    for (const i of subset) member[i] = 1;
    return { member, pTrue: results[k].pTrue, correct: results[k].correct, seconds: results[k].seconds };
  });
}

function payloadFor(
  hash: string,
  subset: Int32Array,
  k: number,
  n: number,
  arch: MlpArchitecture,
  trainOptions: SubsetTrainOptions,
  seed: number,
  backend: BackendPreference,
): SubsetJobPayload {
  // Training shuffles the subset from its given order; the mask keeps only membership, so the order must be ascending.
  for (let i = 1; i < subset.length; i++) if (subset[i] <= subset[i - 1]) throw new Error(`subset ${k} is not in ascending order`);
  return {
    v: 1,
    runId: '',
    datasetHash: hash,
    k,
    seed,
    members: indicesToBitmask(subset, n),
    arch: { inputDim: arch.inputDim, hidden: [...arch.hidden], numClasses: arch.numClasses },
    trainOptions: { epochs: trainOptions.epochs, batchSize: trainOptions.batchSize, learningRate: trainOptions.learningRate },
    backend,
  };
}
