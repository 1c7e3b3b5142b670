/** Everything ForgetLens keeps in Redis lives under this prefix; BullMQ's own keys too. */
export const PREFIX = 'forgetlens';
export const QUEUE_NAME = 'jobs';
/** The only job type a ForgetLens worker runs. */
export const SUBSET_JOB = 'forgetlens.subset-model';

export const keys = {
  datasetMeta: (hash: string) => `${PREFIX}:data:${hash}:meta`,
  datasetChunk: (hash: string, i: number) => `${PREFIX}:data:${hash}:chunk:${i}`,
  result: (runId: string, k: number) => `${PREFIX}:run:${runId}:result:${k}`,
  cancelled: (runId: string) => `${PREFIX}:run:${runId}:cancelled`,
  worker: (workerId: string) => `${PREFIX}:worker:${workerId}`,
  workerPattern: () => `${PREFIX}:worker:*`,
};

/** BullMQ job ids: one per (run, model), so re-adding a job that is already queued is a no-op. */
export const jobId = (runId: string, k: number) => `${runId}-${k}`;

/** Datasets and results expire a day after the last run that used them. */
export const DATA_TTL_SECONDS = 24 * 3600;
/** How long a worker's "I am here" key lives without being refreshed. */
export const WORKER_TTL_SECONDS = 15;
