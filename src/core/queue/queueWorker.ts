import * as crypto from 'node:crypto';
import * as os from 'node:os';
import { Job, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { HostData } from '../model/parallelSubsetModels';
import { toShared } from '../util/workerPool';
import { bitmaskToIndices } from './bitmask';
import { parseQueueUrl } from './connection';
import { fetchDataset } from './datasetStore';
import { SubsetJobPayload, parseSubsetJob } from './jobSchema';
import { DATA_TTL_SECONDS, PREFIX, QUEUE_NAME, SUBSET_JOB, WORKER_TTL_SECONDS, keys } from './keys';
import { encodeResult } from './resultCodec';
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

/** A fleet worker: takes ForgetLens jobs off the queue, trains them in threads, writes binary results back. */
export async function startQueueWorker(url: string, options: QueueWorkerOptions): Promise<QueueWorkerHandle> {
  const connection = parseQueueUrl(url);
  const id = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString('hex')}`;
  const redis = new Redis(connection.options);
  // Lost connections are retried by ioredis; BullMQ's own 'error' events below are what gets logged.
  redis.on('error', () => undefined);
  const datasets = new Map<string, Promise<HostData>>();
  const idle: ThreadTrainer[] = [];
  const busy = new Set<ThreadTrainer>();

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

  const trainerFor = (payload: SubsetJobPayload, host: HostData): ThreadTrainer => {
    const key = JSON.stringify([payload.datasetHash, payload.arch, payload.trainOptions, payload.backend]);
    const at = idle.findIndex((t) => t.key === key && t.alive);
    if (at >= 0) return idle.splice(at, 1)[0];
    // A thread for other data or settings: replace the oldest idle one rather than grow.
    if (idle.length + busy.size >= options.concurrency) void idle.shift()?.terminate();
    return new ThreadTrainer(key, { X: host.X, y: host.y, arch: payload.arch, numClasses: host.numClasses, trainOptions: payload.trainOptions, backend: payload.backend });
  };

  const processJob = async (job: Job, _token?: string, signal?: AbortSignal) => {
    if (job.name !== SUBSET_JOB) throw new UnrecoverableError(`refused: "${job.name}" is not a ForgetLens job type`);
    let payload: SubsetJobPayload;
    try {
      payload = parseSubsetJob(job.data);
    } catch (err) {
      throw new UnrecoverableError((err as Error).message);
    }
    const resultKey = keys.result(payload.runId, payload.k);
    if (await redis.exists(keys.cancelled(payload.runId))) throw new UnrecoverableError('the run was cancelled');
    // Another worker finished it (a retried job whose first attempt completed): nothing to redo.
    if (await redis.exists(resultKey)) return { k: payload.k, reused: true };
    const host = await dataset(payload.datasetHash);
    const subset = bitmaskToIndices(payload.members, host.y.length);
    const trainer = trainerFor(payload, host);
    busy.add(trainer);
    options.log(`took model ${payload.k} of run ${payload.runId.slice(0, 8)}`);
    const watch = setInterval(() => {
      void redis.exists(keys.cancelled(payload.runId)).then((cancelled) => {
        if (cancelled) void trainer.terminate('the run was cancelled');
      }, () => undefined);
    }, CANCEL_POLL_MS);
    const onAbort = () => void trainer.terminate('the job was cancelled');
    signal?.addEventListener('abort', onAbort);
    try {
      const done = await trainer.train({ k: payload.k, subset, seed: payload.seed });
      const body = encodeResult({ pTrue: done.pTrue, correct: done.correct, seconds: done.seconds, backend: done.backend, workerId: id });
      await redis.set(resultKey, body, 'EX', DATA_TTL_SECONDS);
      options.log(`model ${payload.k} of run ${payload.runId.slice(0, 8)} done in ${done.seconds.toFixed(2)} s (${body.length} bytes)`);
      return { k: payload.k, bytes: body.length };
    } catch (err) {
      if (!trainer.alive) throw new UnrecoverableError((err as Error).message);
      throw err;
    } finally {
      clearInterval(watch);
      signal?.removeEventListener('abort', onAbort);
      busy.delete(trainer);
      if (trainer.alive) idle.push(trainer);
    }
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
