import * as crypto from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CancelledError, QueueError } from '../errors';
import type { SubsetModelOutcome } from '../factors/memorization';
import type { BackendPreference } from '../model/backend';
import type { MlpArchitecture } from '../model/mlp';
import type { HostData, SubsetTrainOptions } from '../model/parallelSubsetModels';
import type { JobContext } from '../progress';
import { deriveSeed } from '../util/random';
import { indicesToBitmask } from './bitmask';
import { QueueConnection, parseQueueUrl } from './connection';
import { datasetHash, publishDataset } from './datasetStore';
import { SubsetJobPayload } from './jobSchema';
import { DATA_TTL_SECONDS, PREFIX, QUEUE_NAME, SUBSET_JOB, jobId, keys } from './keys';
import { SubsetResult, decodeResult } from './resultCodec';

export interface FleetProgress {
  done: number;
  total: number;
  /** Workers that answered for this run or are alive on the queue now. */
  workers: number;
}

export interface QueueRunSettings {
  url: string;
  backend: BackendPreference;
  /** The backend this process resolved: every worker must have trained on the same one. */
  expectedBackend?: string;
  onProgress: (progress: FleetProgress) => void;
}

const POLL_MS = 250;
/** Job states are checked less often than results: one round trip per pending job. */
const STATE_CHECK_EVERY = 8;
/** Redis silent this long: give up with a clear error rather than wait forever. */
const UNREACHABLE_MS = 30_000;
const ATTEMPTS = 4;

/**
 * Thorough mode's subsample models as BullMQ jobs. The run id is the hash of everything that
 * determines the result (dataset, subsets, seeds, model and training settings), so:
 * results already on the queue for this run are reused (resume), a run with other settings can
 * never pick up this run's results (isolation), and re-adding a queued job is a no-op.
 */
export async function trainSubsetModelsOnQueue(
  host: HostData,
  arch: MlpArchitecture,
  subsets: Int32Array[],
  trainOptions: SubsetTrainOptions,
  seed: number,
  settings: QueueRunSettings,
  ctx?: JobContext,
): Promise<SubsetModelOutcome[]> {
  const connection = parseQueueUrl(settings.url);
  const hash = datasetHash(host);
  const payloads = subsets.map((subset, k) => payloadFor(hash, subset, k, host.y.length, arch, trainOptions, deriveSeed(seed, 'model', k), settings.backend));
  const runId = runIdOf(payloads);
  for (const p of payloads) p.runId = runId;
  const redis = new Redis({ ...connection.options, lazyConnect: true });
  const queue = new Queue(QUEUE_NAME, { connection: connection.options, prefix: PREFIX });
  // ioredis retries lost connections itself; a Redis that stays away surfaces as a timeout in `answered`.
  queue.on('error', () => undefined);
  let lastError: Error | undefined;
  redis.on('error', (err: Error) => (lastError = err));
  try {
    await answered(connection, redis.connect()).catch((err: Error) => {
      throw new QueueError(`cannot use Redis at ${connection.display}: ${(lastError ?? err).message}`);
    });
    await answered(connection, redis.del(keys.cancelled(runId)));
    const run = new Run(connection, redis, queue, runId, hash, host, payloads, settings);
    return await run.gather(subsets, ctx);
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

class Run {
  private readonly results = new Map<number, SubsetResult>();
  private readonly workersSeen = new Set<string>();
  private liveWorkers = 0;

  constructor(
    private readonly connection: QueueConnection,
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly runId: string,
    private readonly hash: string,
    private readonly host: HostData,
    private readonly payloads: SubsetJobPayload[],
    private readonly settings: QueueRunSettings,
  ) {}

  async gather(subsets: Int32Array[], ctx?: JobContext): Promise<SubsetModelOutcome[]> {
    const cancelled = new Promise<never>((_, reject) => {
      const onAbort = () => reject(new CancelledError());
      if (ctx?.signal?.aborted) onAbort();
      ctx?.signal?.addEventListener('abort', onAbort, { once: true });
    });
    cancelled.catch(() => undefined);
    try {
      await Promise.race([this.loop(), cancelled]);
    } catch (err) {
      if (err instanceof CancelledError) await this.cancel();
      throw err;
    }
    return subsets.map((subset, k) => {
      const r = this.results.get(k)!;
      const member = new Uint8Array(this.host.y.length);
      for (const i of subset) member[i] = 1;
      return { member, pTrue: r.pTrue, correct: r.correct, seconds: r.seconds };
    });
  }

  private async loop(): Promise<void> {
    await this.collect();
    await this.ensureQueued();
    for (let tick = 1; this.results.size < this.payloads.length; tick++) {
      await sleep(POLL_MS);
      await this.collect();
      if (tick % STATE_CHECK_EVERY === 0 && this.results.size < this.payloads.length) {
        await this.countWorkers();
        await this.checkPending();
      }
      this.report();
    }
    this.report();
  }

  /** Publish the dataset (once per hash) and add a job for every model without a result. */
  private async ensureQueued(): Promise<void> {
    await answered(this.connection, publishDataset(this.redis, this.hash, this.host));
    const missing = this.payloads.filter((p) => !this.results.has(p.k));
    for (const p of missing) {
      const existing = await answered(this.connection, this.queue.getJob(jobId(this.runId, p.k)));
      // A job kept as failed blocks its id: clear it so this run can try again.
      if (existing && (await existing.isFailed())) await existing.remove();
    }
    await answered(
      this.connection,
      this.queue.addBulk(
        missing.map((p) => ({
          name: SUBSET_JOB,
          data: p,
          opts: { jobId: jobId(this.runId, p.k), attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
        })),
      ),
    );
    await this.countWorkers();
    this.report();
  }

  /** Fetch the results that have arrived; each model counts once, whoever computed it. */
  private async collect(): Promise<void> {
    const pending = this.payloads.filter((p) => !this.results.has(p.k));
    if (pending.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const p of pending) pipeline.getBuffer(keys.result(this.runId, p.k));
    const answers = (await answered(this.connection, pipeline.exec())) ?? [];
    answers.forEach(([err, body], j) => {
      if (err || !body) return;
      const result = decodeResult(body as Buffer, this.host.y.length);
      if (this.settings.expectedBackend && result.backend !== this.settings.expectedBackend) {
        throw new QueueError(
          `worker ${result.workerId} trained model ${pending[j].k} on the ${result.backend} backend, this run uses ${this.settings.expectedBackend}: ` +
            'the scores would not match a local run bit for bit. Start the workers with the same backend available (or pass --backend).',
        );
      }
      this.results.set(pending[j].k, result);
      this.workersSeen.add(result.workerId);
    });
  }

  /** A failed job fails the run with its reason; a job Redis no longer has (restarted) is queued again. */
  private async checkPending(): Promise<void> {
    let lost = false;
    for (const p of this.payloads.filter((q) => !this.results.has(q.k))) {
      const id = jobId(this.runId, p.k);
      const state = await answered(this.connection, this.queue.getJobState(id));
      if (state === 'failed') {
        const job = await this.queue.getJob(id);
        if (await this.redis.exists(keys.result(this.runId, p.k))) continue;
        throw new QueueError(`model ${p.k} failed on the queue ${this.connection.display} after ${job?.attemptsMade ?? '?'} attempts: ${job?.failedReason ?? 'no reason given'}`);
      }
      if (state === 'unknown') lost = true;
    }
    if (lost) {
      await this.collect();
      if (this.results.size < this.payloads.length) await this.ensureQueued();
    }
  }

  private async countWorkers(): Promise<void> {
    let cursor = '0';
    let count = 0;
    do {
      const [next, found] = await answered(this.connection, this.redis.scan(cursor, 'MATCH', keys.workerPattern(), 'COUNT', 1000));
      cursor = next;
      count += found.length;
    } while (cursor !== '0');
    this.liveWorkers = count;
  }

  private report(): void {
    this.settings.onProgress({ done: this.results.size, total: this.payloads.length, workers: Math.max(this.liveWorkers, this.workersSeen.size) });
  }

  /** Cancel: flag the run (workers stop its current jobs) and remove the jobs not yet started. */
  private async cancel(): Promise<void> {
    try {
      await this.redis.set(keys.cancelled(this.runId), '1', 'EX', DATA_TTL_SECONDS);
      for (const p of this.payloads) if (!this.results.has(p.k)) await this.queue.remove(jobId(this.runId, p.k)).catch(() => 0);
    } catch {
      // Redis is gone: its jobs went with it.
    }
  }
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

function runIdOf(payloads: SubsetJobPayload[]): string {
  const hash = crypto.createHash('sha256');
  for (const p of payloads) hash.update(JSON.stringify({ ...p, runId: '' }) + '\n');
  return hash.digest('hex');
}

/** Await a Redis call, failing with a clear message if Redis does not answer in time. */
async function answered<T>(connection: QueueConnection, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueError(`Redis at ${connection.display} has not answered for ${UNREACHABLE_MS / 1000} s; nothing was written. Finished models stay on the queue: rerun the same command to resume.`)),
      UNREACHABLE_MS,
    );
  });
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
