import type { UnlearningRun, UnlearningStep } from '../forget/runUnlearning';
import type { BackendPreference } from '../model/backend';
import type { HostData } from '../model/parallelSubsetModels';
import type { JobContext } from '../progress';
import { blobHash, publishBlob } from './blobStore';
import { datasetHash, publishDataset } from './datasetStore';
import { UnlearnJobPayload } from './jobSchema';
import { UNLEARN_JOB } from './keys';
import { QueueRunSettings, runPayloadsOnQueue } from './queueRun';
import { UnlearnContext, decodeUnlearnResult, encodeContext } from './unlearnCodec';

/** One unlearning run of a forget audit: a plain algorithm (one step) or RUM (several). */
export interface UnlearningRequest {
  name: string;
  steps: UnlearningStep[];
}

/**
 * A forget audit's unlearning runs as BullMQ jobs, one per run. The original model, the splits and
 * every index set the steps use go to Redis once, as one blob; each job names them by position.
 * Each run starts from the same original weights with its own seeds, so which worker ran it, and in
 * which order, does not change its result.
 */
export async function runUnlearningOnQueue(
  host: HostData,
  shared: Omit<UnlearnContext, 'sets'>,
  requests: UnlearningRequest[],
  settings: QueueRunSettings & { backend: BackendPreference },
  ctx?: JobContext,
): Promise<UnlearningRun[]> {
  const sets: Int32Array[] = [];
  const setOf = (indices: Int32Array) => {
    const at = sets.indexOf(indices);
    return at >= 0 ? at : sets.push(indices) - 1;
  };
  const steps = requests.map((r) => r.steps.map((s) => ({ algorithm: s.algorithm, forgetSet: setOf(s.forgetIdx), retainSet: setOf(s.retainIdx), ...(s.params ? { params: s.params } : {}) })));
  const context = encodeContext({ ...shared, sets });
  const hash = datasetHash(host);
  const contextHash = blobHash(context);
  const payloads: UnlearnJobPayload[] = requests.map((r, k) => ({ v: 1, runId: '', datasetHash: hash, contextHash, k, name: r.name, steps: steps[k], backend: settings.backend }));
  return runPayloadsOnQueue(
    UNLEARN_JOB,
    payloads,
    {
      what: 'unlearning run',
      publish: async (redis) => {
        await publishDataset(redis, hash, host);
        await publishBlob(redis, context);
      },
      decode: (body) => decodeUnlearnResult(body, host.y.length),
    },
    settings,
    ctx,
  );
}
