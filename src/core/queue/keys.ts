/** Everything ForgetLens keeps in Redis lives under this prefix; BullMQ's own keys too. */
export const PREFIX = 'forgetlens';
export const QUEUE_NAME = 'jobs';
/** The job types a ForgetLens worker runs; it refuses any other. */
export const SUBSET_JOB = 'forgetlens.subset-model';
export const UNLEARN_JOB = 'forgetlens.unlearning';
export const DELETION_JOB = 'forgetlens.simulated-deletion';
export const JOB_TYPES: readonly string[] = [SUBSET_JOB, UNLEARN_JOB, DELETION_JOB];

export const keys = {
  datasetMeta: (hash: string) => `${PREFIX}:data:${hash}:meta`,
  datasetChunk: (hash: string, i: number) => `${PREFIX}:data:${hash}:chunk:${i}`,
  blobMeta: (hash: string) => `${PREFIX}:blob:${hash}:meta`,
  blobChunk: (hash: string, i: number) => `${PREFIX}:blob:${hash}:chunk:${i}`,
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
