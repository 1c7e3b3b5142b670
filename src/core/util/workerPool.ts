import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { CancelledError } from '../errors';
import { JobContext } from '../progress';

/** What every pool worker answers to a job. */
export type WorkerReply<Done> = ({ type: 'done' } & Done) | { type: 'error'; message: string };

export interface WorkerScript {
  code: string;
  eval: boolean;
}

/**
 * A worker's entry point: the bundled `<name>.js` next to the bundle, or from source (tests under
 * tsx) `<name>.ts` in `dir` loaded through tsx; undefined when neither is there. Pass the caller's __dirname.
 */
export function workerScript(dir: string, name: string): WorkerScript | undefined {
  const bundled = path.join(dir, `${name}.js`);
  if (fs.existsSync(bundled)) return { code: bundled, eval: false };
  const source = path.join(dir, `${name}.ts`);
  if (!fs.existsSync(source)) return undefined;
  return { code: `require('tsx/cjs'); require(${JSON.stringify(source)});`, eval: true };
}

/** A copy in shared memory: workers read it without each getting a copy of their own. */
export function toShared<T extends Float32Array | Int32Array | Uint8Array>(array: T): T {
  const shared = new SharedArrayBuffer(array.byteLength);
  const copy = new (array.constructor as { new (buffer: SharedArrayBuffer): T })(shared);
  copy.set(array);
  return copy;
}

/**
 * Run every job on a pool of `workerCount` workers, each job going to the next idle worker; `onDone`
 * gets each worker's answer. Rejects on the first failure or on cancellation, and terminates the
 * workers either way.
 */
export function runJobsInWorkers<Job, Done>(
  script: WorkerScript,
  workerData: unknown,
  jobs: Job[],
  workerCount: number,
  label: string,
  onDone: (reply: Done, finished: number) => void,
  ctx?: JobContext,
): Promise<void> {
  const pool: Worker[] = [];
  let next = 0;
  let finished = 0;
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (err?: Error) => {
      if (settled) return;
      settled = true;
      ctx?.signal?.removeEventListener('abort', onAbort);
      for (const worker of pool) void worker.terminate();
      if (err) reject(err);
      else resolve();
    };
    const onAbort = () => finish(new CancelledError());
    ctx?.signal?.addEventListener('abort', onAbort);
    if (ctx?.signal?.aborted) return onAbort();
    if (jobs.length === 0) return finish();
    const dispatch = (worker: Worker) => {
      if (next < jobs.length) worker.postMessage(jobs[next++]);
    };
    for (let w = 0; w < Math.min(workerCount, jobs.length); w++) {
      const worker = new Worker(script.code, { workerData, eval: script.eval });
      pool.push(worker);
      worker.on('message', (reply: WorkerReply<Done>) => {
        if (settled) return;
        if (reply.type === 'error') return finish(new Error(`${label} worker failed: ${reply.message}`));
        finished++;
        try {
          onDone(reply, finished);
        } catch (err) {
          return finish(err instanceof Error ? err : new Error(String(err)));
        }
        if (finished === jobs.length) finish();
        else dispatch(worker);
      });
      worker.on('error', (err) => finish(err));
      worker.on('exit', (code) => {
        if (code !== 0) finish(new Error(`${label} worker exited with code ${code}`));
      });
      dispatch(worker);
    }
  });
}

/** Answer each job posted to this worker in turn, after `ready`; failures are reported, not thrown. */
export function serveJobs<Job, Done>(
  port: { on(event: 'message', listener: (job: Job) => void): unknown; postMessage(value: unknown, transfer?: ArrayBuffer[]): void },
  ready: Promise<unknown>,
  handle: (job: Job) => Promise<{ reply: Done; transfer?: ArrayBuffer[] }>,
): void {
  let queue = Promise.resolve();
  port.on('message', (job: Job) => {
    queue = queue.then(async () => {
      try {
        await ready;
        const { reply, transfer } = await handle(job);
        port.postMessage({ type: 'done', ...reply }, transfer);
      } catch (err) {
        port.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    });
  });
}
