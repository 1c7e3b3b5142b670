import * as crypto from 'node:crypto';
import * as os from 'node:os';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { HostData } from '../model/parallelSubsetModels';
import { toShared } from '../util/workerPool';
import { bitmaskToIndices } from './bitmask';
import { parseQueueUrl } from './connection';
import { fetchDataset } from './datasetStore';
import type { SubsetDone, SubsetJob } from '../model/subsetWorker';
import { fetchBlob } from './blobStore';
import { encodeDeletionResult } from './deletionCodec';
import { DeletionJobPayload, SubsetJobPayload, UnlearnJobPayload, parseDeletionJob, parseSubsetJob, parseUnlearnJob } from './jobSchema';
import { DATA_TTL_SECONDS, DELETION_JOB, JOB_TYPES, PREFIX, QUEUE_NAME, SUBSET_JOB, UNLEARN_JOB, WORKER_TTL_SECONDS, keys } from './keys';
import { encodeResult } from './resultCodec';
import type { TaskDone, TaskJob, TaskWorkerData } from './taskWorker';
import { ThreadTrainer } from './threadTrainer';

export interface QueueWorkerOptions {
  concurrency: number;
  /** Seconds a job stays locked to a silent worker before another worker takes it over. */
  lockSeconds: number;
  log: (line: string) => void;
}

export interface QueueWorkerHandle {
  readonly id: string;
  close(): Promise<void>;
}

const CANCEL_POLL_MS = 500;
const CLOSE_WAIT_MS = 10_000;
/** Datasets kept in memory per worker process (a run at a time is the common case). */
const CACHED_DATASETS = 2;

/** What the worker's thread pool needs of a thread, whatever jobs it runs. */
type PooledThread = Pick<ThreadTrainer, 'key' | 'alive' | 'terminate'>;

/** A fleet worker: takes ForgetLens jobs off the queue, trains them in threads, writes binary results back. */
export async function startQueueWorker(url: string, options: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const connection = parseQueueUrl(url);
  const id = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const redis = new Redis(connection.options);
  // Lost connections are retried by ioredis; BullMQ's own 'error' events below are what gets logged.
  redis.on('error', () => undefined);
  const datasets = new Map<string, Promise<HostData>>();
  const idle: PooledThread[] = [];
  const busy = new Set<PooledThread>();

  const dataset = (hash: string): Promise<HostData> => {
    let entry = datasets.get(hash);
    if (!entry) {
      entry = fetchDataset(redis, hash).then((host) => ({ ...host, X: toShared(host.X), y: toShared(host.y) }));
      entry.catch(() => datasets.delete(hash));
      datasets.set(hash, entry);
      while (datasets.size > CACHED_DATASETS) datasets.delete(datasets.keys().next().value!);
    }
    return entry;
  };

  const threadFor = <T extends PooledThread>(key: string, make: () => T): T => {
    const at = idle.findIndex((t) => t.key === key && t.alive);
    if (at >= 0) return idle.splice(at, 1)[0] as T;
    // A thread for other data or settings: replace the oldest idle one rather than grow.
    if (idle.length + busy.size >= options.concurrency) void idle.shift()?.terminate();
    return make();
  };

  /** Run one job on a thread, stopping it if the run is cancelled, and store the result. */
  const runOnThread = async <R>(runId: string, k: number, what: string, thread: PooledThread, work: () => Promise<R>, encode: (done: R) => Buffer, signal?: AbortSignal) => {
    busy.add(thread);
    options.log(`took ${what} ${k} of run ${runId.slice(0, 8)}`);
    const watch = setInterval(() => {
      void redis.exists(keys.cancelled(runId)).then((cancelled) => {
        if (cancelled) void thread.terminate('the run was cancelled');
      }, () => undefined);
    }, CANCEL_POLL_MS);
    const onAbort = () => void thread.terminate('the job was cancelled');
    signal?.addEventListener('abort', onAbort);
    try {
      const started = performance.now();
      const body = encode(await work());
      await redis.set(keys.result(runId, k), body, 'EX', DATA_TTL_SECONDS);
      options.log(`${what} ${k} of run ${runId.slice(0, 8)} done in ${((performance.now() - started) / 1000).toFixed(2)} s (${body.length} bytes)`);
      return { k, bytes: body.length };
    } catch (err) {
      if (!thread.alive) throw new UnrecoverableError((err as Error).message);
      throw err;
    } finally {
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      busy.delete(thread);
      if (thread.alive) idle.push(thread);
    }
  };

  const subsetModel = async (payload: SubsetJobPayload, signal?: AbortSignal) => {
    const host = await dataset(payload.datasetHash);
    const subset = bitmaskToIndices(payload.members, host.y.length);
    const key = JSON.stringify([SUBSET_JOB, payload.datasetHash, payload.arch, payload.trainOptions, payload.backend]);
    const setup = { X: host.X, y: host.y, arch: payload.arch, numClasses: host.numClasses, trainOptions: payload.trainOptions, backend: payload.backend };
    const thread = threadFor(key, () => new ThreadTrainer<SubsetJob, SubsetDone>(key, setup));
    const encode = (done: SubsetDone) => encodeResult({ pTrue: done.pTrue, correct: done.correct, seconds: done.seconds, backend: done.backend, workerId: id });
    return runOnThread(payload.runId, payload.k, 'model', thread, () => thread.train({ k: payload.k, subset, seed: payload.seed }), encode, signal);
  };

  const unlearning = async (payload: UnlearnJobPayload, signal?: AbortSignal) => {
    const host = await dataset(payload.datasetHash);
    const context = new Uint8Array(await fetchBlob(redis, payload.contextHash));
    const key = JSON.stringify([UNLEARN_JOB, payload.datasetHash, payload.backend]);
    const thread = threadFor(key, () => new ThreadTrainer<TaskJob, TaskDone>(key, { backend: payload.backend, host } satisfies TaskWorkerData, 'taskWorker'));
    const job: TaskJob = { kind: 'unlearn', context, name: payload.name, steps: payload.steps, workerId: id };
    return runOnThread(payload.runId, payload.k, 'unlearning run', thread, () => thread.train(job, [context.buffer as ArrayBuffer]), (done) => Buffer.from(done.body), signal);
  };

  const deletion = async (payload: DeletionJobPayload, signal?: AbortSignal) => {
    const file = new Uint8Array(await fetchBlob(redis, payload.fileHash));
    const audit = payload.auditHash ? new Uint8Array(await fetchBlob(redis, payload.auditHash)) : undefined;
    const key = JSON.stringify([DELETION_JOB, payload.options.backend]);
    const thread = threadFor(key, () => new ThreadTrainer<TaskJob, TaskDone>(key, { backend: payload.options.backend } satisfies TaskWorkerData, 'taskWorker'));
    const job: TaskJob = { kind: 'deletion', file, fileName: payload.fileName, audit, ids: payload.ids, options: payload.options };
    const encode = (done: TaskDone) => encodeDeletionResult(Buffer.from(done.body), done.backend, id);
    return runOnThread(payload.runId, payload.k, 'simulated deletion', thread, () => thread.train(job, [file.buffer as ArrayBuffer]), encode, signal);
  };

  const processJob = async (job: Job, _token?: string, signal?: AbortSignal) => {
    if (!JOB_TYPES.includes(job.name)) throw new UnrecoverableError(`refused: "${job.name}" is not a ForgetLens job type`);
    let payload: SubsetJobPayload | UnlearnJobPayload | DeletionJobPayload;
    try {
      payload = job.name === SUBSET_JOB ? parseSubsetJob(job.data) : job.name === UNLEARN_JOB ? parseUnlearnJob(job.data) : parseDeletionJob(job.data);
    } catch (err) {
      throw new UnrecoverableError((err as Error).message);
    }
    if (await redis.exists(keys.cancelled(payload.runId))) throw new UnrecoverableError('the run was cancelled');
    // Another worker finished it (a retried job whose first attempt completed): nothing to redo.
    if (await redis.exists(keys.result(payload.runId, payload.k))) return { k: payload.k, reused: true };
    if (job.name === SUBSET_JOB) return subsetModel(payload as SubsetJobPayload, signal);
    if (job.name === UNLEARN_JOB) return unlearning(payload as UnlearnJobPayload, signal);
    return deletion(payload as DeletionJobPayload, signal);
  };

  const worker = new Worker(QUEUE_NAME, processJob, {
    connection: connection.options,
    prefix: PREFIX,
    concurrency: options.concurrency,
    lockDuration: options.lockSeconds * 1000,
    stalledInterval: Math.max(1000, (options.lockSeconds * 1000) / 2),
    maxStalledCount: 2,
  });
  worker.on('failed', (job, err) => options.log(`job ${job?.id ?? '?'} failed: ${err.message}`));
  worker.on('error', (err) => options.log(`queue error: ${err.message}`));

  const beat = () =>
    redis.set(keys.worker(id), JSON.stringify({ host: os.hostname(), pid: process.pid, concurrency: options.concurrency }), 'EX', WORKER_TTL_SECONDS).catch(() => undefined);
  await beat();
  const heartbeat = setInterval(beat, (WORKER_TTL_SECONDS * 1000) / 3);
  await worker.waitUntilReady();
  options.log(`worker ${id} on ${connection.display}: ${options.concurrency} at a time`);

  return {
    id,
    async close() {
      clearInterval(heartbeat);
      // A graceful close finishes the current jobs, but needs Redis: without it, give up after a while.
      const graceful = await Promise.race([worker.close().then(() => true), sleep(CLOSE_WAIT_MS).then(() => false)]);
      if (!graceful) await Promise.race([worker.close(true), sleep(1000)]);
      await Promise.all([...idle, ...busy].map((t) => t.terminate()));
      // Offline, a command would wait for Redis forever; the heartbeat key expires by itself anyway.
      if (redis.status === 'ready') await redis.del(keys.worker(id)).catch(() => undefined);
      redis.disconnect();
    },
  };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
