import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parentPort, workerData } from 'node:worker_threads';
import { runForgetAudit } from '../forget/runForgetAudit';
import { runUnlearning } from '../forget/runUnlearning';
import type { BackendPreference } from '../model/backend';
import type { DeviceData } from '../model/deviceData';
import { threadData } from '../model/threadData';
import { Mlp } from '../model/mlp';
import type { HostData } from '../model/parallelSubsetModels';
import { serveJobs } from '../util/workerPool';
import { PLACEHOLDERS, replacePathInJson } from './deletionCodec';
import type { DeletionOptions } from './jobSchema';
import { decodeContext, encodeUnlearnResult } from './unlearnCodec';

/** A queue worker's thread for the jobs that are not one subset model: unlearning runs and simulated deletions. */
export interface TaskWorkerData {
  backend: BackendPreference;
  /** The dataset, for unlearning runs (a simulated deletion reads its own data file). */
  host?: HostData;
}

export type TaskJob =
  | { kind: 'unlearn'; context: Uint8Array; name: string; steps: Array<{ algorithm: string; forgetSet: number; retainSet: number; params?: Record<string, number> }>; workerId: string }
  | { kind: 'deletion'; file: Uint8Array; fileName: string; audit?: Uint8Array; ids: string[]; options: DeletionOptions };

/** The result's bytes, ready to store; `seconds` the compute time. */
export interface TaskDone {
  body: Uint8Array;
  seconds: number;
  backend: string;
}

if (parentPort) {
  const setup = workerData as TaskWorkerData;
  const thread = threadData(setup.backend, setup.host);
  serveJobs<TaskJob, TaskDone>(parentPort, thread.ready, async (job) => {
    const started = performance.now();
    const body = job.kind === 'unlearn' ? await unlearn(job, thread.data()) : await simulatedDeletion(job);
    const reply: TaskDone = { body, seconds: (performance.now() - started) / 1000, backend: thread.backend() };
    return { reply, transfer: [body.buffer as ArrayBuffer] };
  });

  async function unlearn(job: Extract<TaskJob, { kind: 'unlearn' }>, device: DeviceData | undefined): Promise<Uint8Array> {
    if (!device) throw new Error('an unlearning job needs the dataset');
    const context = decodeContext(Buffer.from(job.context));
    const set = (i: number) => context.sets[i] ?? failSet(i, context.sets.length);
    const steps = job.steps.map((s) => ({ algorithm: s.algorithm as never, forgetIdx: set(s.forgetSet), retainIdx: set(s.retainSet), params: s.params }));
    const original = Mlp.fromWeights(context.arch, context.weights);
    try {
      const settings = { seed: context.seed, batchSize: context.batchSize, heldOutEvidence: context.heldOutEvidence };
      const run = await runUnlearning(job.name, original, steps, device, context.split, context.pRetrain, settings);
      return new Uint8Array(encodeUnlearnResult(run, thread.backend(), job.workerId));
    } finally {
      original.dispose();
    }
  }

  /** The whole forget audit, exactly as `forget` runs it, on a private copy of the data file. */
  async function simulatedDeletion(job: Extract<TaskJob, { kind: 'deletion' }>): Promise<Uint8Array> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-deletion-'));
    try {
      const dataPath = path.join(dir, path.basename(job.fileName));
      fs.writeFileSync(dataPath, job.file);
      const forgetFile = path.join(dir, 'request.txt');
      fs.writeFileSync(forgetFile, job.ids.join('\n') + '\n');
      const auditFile = job.audit ? path.join(dir, 'audit.json') : undefined;
      if (auditFile) fs.writeFileSync(auditFile, job.audit!);
      const report = await runForgetAudit(dataPath, { ...job.options, forgetFile, auditFile, workers: 1 });
      // The coordinator puts its own paths back: the report must not depend on where a worker kept the files.
      let json = replacePathInJson(JSON.stringify(report), dataPath, PLACEHOLDERS.data);
      json = replacePathInJson(json, forgetFile, PLACEHOLDERS.request);
      if (auditFile) json = replacePathInJson(json, auditFile, PLACEHOLDERS.audit);
      return new Uint8Array(gzipSync(json));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}

function failSet(i: number, count: number): never {
  throw new Error(`unlearning job names index set ${i}, the context has ${count}`);
}
