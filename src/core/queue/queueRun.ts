import * as crypto from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { CancelledError, QueueError } from '../errors';
import type { JobContext } from '../progress';
import { QueueConnection, parseQueueUrl } from './connection';
import { DATA_TTL_SECONDS, PREFIX, QUEUE_NAME, jobId, keys } from './keys';

export interface FleetProgress {
  done: number;
  total: number;
  /** Workers that answered for this run or are alive on the queue now. */
  workers: number;
}

export interface QueueRunSettings {
  url: string;
  /** The backend this process resolved: every worker must have computed on the same one. */
  expectedBackend?: string;
  onProgress: (progress: FleetProgress) => void;
}

/** One job of a run: its index in the run, its type and its (schema-checked on the worker) payload. */
export interface QueuedJob {
  k: number;
  name: string;
  data: { runId: string };
}

/** A result as read back: the value, and who computed it on which backend. */
export interface DecodedResult<R> {
  value: R;
  backend: string;
  workerId: string;
}

export interface RunSpec<R> {
  runId: string;
  jobs: QueuedJob[];
  /** What the jobs are called in messages ("model", "unlearning run", …). */
  what: string;
  /** Put what the jobs read (dataset, blobs) in Redis; called again if Redis lost it. */
  publish: (redis: Redis) => Promise<unknown>;
  decode: (body: Buffer, k: number) => DecodedResult<R>;
}

const POLL_MS = 250;
/** Job states are checked less often than results: one round trip per pending job. */
const STATE_CHECK_EVERY = 8;
/** Redis silent this long: give up with a clear error rather than wait forever. */
const UNREACHABLE_MS = 30_000;
const ATTEMPTS = 4;

/** The run id: the sha-256 of every job's payload (which holds everything that determines its result). */
export function runIdOf(payloads: object[]): string {
  const hash = crypto.createHash('sha256');
  for (const p of payloads) hash.update(JSON.stringify({ ...p, runId: '' }) + '\n');
  return hash.digest('hex');
}

/**
 * Queue a run's jobs on BullMQ and gather their results, in job order. Because the run id is the
 * hash of everything that determines the results, results already on the queue for this run are
 * reused (resume), a run with other settings can never pick up this run's results (isolation), and
 * re-adding a queued job is a no-op.
 */
export async function runOnQueue<R>(spec: RunSpec<R>, settings: QueueRunSettings, ctx?: JobContext): Promise<R[]> {
  const connection = parseQueueUrl(settings.url);
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
    await answered(connection, redis.del(keys.cancelled(spec.runId)));
    return await new Run(connection, redis, queue, spec, settings).gather(ctx);
  } finally {
    await queue.close().catch(() => undefined);
    redis.disconnect();
  }
}

/** Name the run by its payloads (setting each payload's run id) and run them as jobs of type `name`. */
export function runPayloadsOnQueue<P extends { runId: string; k: number }, R>(
  name: string,
  payloads: P[],
  spec: Omit<RunSpec<R>, 'runId' | 'jobs'>,
  settings: QueueRunSettings,
  ctx?: JobContext,
): Promise<R[]> {
  const runId = runIdOf(payloads);
  for (const p of payloads) p.runId = runId;
  return runOnQueue({ ...spec, runId, jobs: payloads.map((data) => ({ k: data.k, name, data })) }, settings, ctx);
}

class Run<R> {
  private readonly results = new Map<number, R>();
  private readonly workersSeen = new Set<string>();
  private liveWorkers = 0;

  constructor(
    private readonly connection: QueueConnection,
    private readonly redis: Redis,
    private readonly queue: Queue,
    private readonly spec: RunSpec<R>,
    private readonly settings: QueueRunSettings,
  ) {}

  async gather(ctx?: JobContext): Promise<R[]> {
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
    return this.spec.jobs.map((job) => this.results.get(job.k)!);
  }

  private get pending(): QueuedJob[] {
    return this.spec.jobs.filter((job) => !this.results.has(job.k));
  }

  private async loop(): Promise<void> {
    await this.collect();
    await this.ensureQueued();
    for (let tick = 1; this.results.size < this.spec.jobs.length; tick++) {
      await sleep(POLL_MS);
      await this.collect();
      if (tick % STATE_CHECK_EVERY === 0 && this.results.size < this.spec.jobs.length) {
        await this.countWorkers();
        await this.checkPending();
      }
      this.report();
    }
    this.report();
  }

  /** Publish what the jobs read (once per hash) and add a job for everything without a result. */
  private async ensureQueued(): Promise<void> {
    await answered(this.connection, this.spec.publish(this.redis));
    const missing = this.pending;
    for (const job of missing) {
      const existing = await answered(this.connection, this.queue.getJob(jobId(this.spec.runId, job.k)));
      // A job kept as failed blocks its id: clear it so this run can try again.
      if (existing && (await existing.isFailed())) await existing.remove();
    }
    await answered(
      this.connection,
      this.queue.addBulk(
        missing.map((job) => ({
          name: job.name,
          data: job.data,
          opts: { jobId: jobId(this.spec.runId, job.k), attempts: ATTEMPTS, backoff: { type: 'fixed', delay: 1000 }, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
        })),
      ),
    );
    await this.countWorkers();
    this.report();
  }

  /** Fetch the results that have arrived; each job counts once, whoever computed it. */
  private async collect(): Promise<void> {
    const pending = this.pending;
    if (pending.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const job of pending) pipeline.getBuffer(keys.result(this.spec.runId, job.k));
    const answers = (await answered(this.connection, pipeline.exec())) ?? [];
    answers.forEach(([err, body], j) => {
      if (err || !body) return;
      const result = this.spec.decode(body as Buffer, pending[j].k);
      if (this.settings.expectedBackend && result.backend !== this.settings.expectedBackend) {
        throw new QueueError(
          `worker ${result.workerId} computed ${this.spec.what} ${pending[j].k} on the ${result.backend} backend, this run uses ${this.settings.expectedBackend}: ` +
            'the scores would not match a local run bit for bit. Start the workers with the same backend available (or pass --backend).',
        );
      }
      this.results.set(pending[j].k, result.value);
      this.workersSeen.add(result.workerId);
    });
  }

  /** A failed job fails the run with its reason; a job Redis no longer has (restarted) is queued again. */
  private async checkPending(): Promise<void> {
    let lost = false;
    for (const job of this.pending) {
      const id = jobId(this.spec.runId, job.k);
      const state = await answered(this.connection, this.queue.getJobState(id));
      if (state === 'failed') {
        const failed = await this.queue.getJob(id);
        if (await this.redis.exists(keys.result(this.spec.runId, job.k))) continue;
        throw new QueueError(
          `${this.spec.what} ${job.k} failed on the queue ${this.connection.display} after ${failed?.attemptsMade ?? '?'} attempts: ${failed?.failedReason ?? 'no reason given'}`,
        );
      }
      if (state === 'unknown') lost = true;
    }
    if (lost) {
      await this.collect();
      if (this.results.size < this.spec.jobs.length) await this.ensureQueued();
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
    this.settings.onProgress({ done: this.results.size, total: this.spec.jobs.length, workers: Math.max(this.liveWorkers, this.workersSeen.size) });
  }

  /** Cancel: flag the run (workers stop its current jobs) and remove the jobs not yet started. */
  private async cancel(): Promise<void> {
    try {
      await this.redis.set(keys.cancelled(this.spec.runId), '1', 'EX', DATA_TTL_SECONDS);
      for (const job of this.pending) await this.queue.remove(jobId(this.spec.runId, job.k)).catch(() => 0);
    } catch {
      // Redis is gone: its jobs went with it.
    }
  }
}

/** Await a Redis call, failing with a clear message if Redis does not answer in time. */
async function answered<T>(connection: QueueConnection, call: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new QueueError(`Redis at ${connection.display} has not answered for ${UNREACHABLE_MS / 1000} s; nothing was written. Finished jobs stay on the queue: rerun the same command to resume.`)),
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
