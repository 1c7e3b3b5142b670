import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_FORGET_OPTIONS, ForgetAuditOptions } from '../forget/options';
import { ForgetReport, validateForgetReport } from '../forget/schema';
import type { JobContext } from '../progress';
import { blobHash, publishBlob } from './blobStore';
import { decodeDeletionResult } from './deletionCodec';
import { DeletionJobPayload, DeletionOptions, DeletionOptionsSchema } from './jobSchema';
import { DELETION_JOB } from './keys';
import { QueueRunSettings, runPayloadsOnQueue } from './queueRun';

/**
 * One simulated deletion request: forget these ids, with these settings and seed. `requestFile`
 * only names the request in the report (as a local `forget --forget FILE` would); it is not sent.
 * `options.auditFile` (the dataset's audit.json, reused as `forget --audit` does) goes to Redis as a blob.
 */
export interface SimulatedDeletion {
  ids: string[];
  options: Partial<ForgetAuditOptions>;
  requestFile: string;
}

/** The settings a job carries, defaults filled in; what cannot travel (paths, queue, threads) is dropped. */
export function deletionOptions(partial: Partial<ForgetAuditOptions>): DeletionOptions {
  const o = { ...DEFAULT_FORGET_OPTIONS, ...partial };
  const picked = {
    seed: o.seed,
    algorithms: o.algorithms,
    params: o.params,
    rum: o.rum,
    rumRecipe: o.rumRecipe,
    retrainSeeds: o.retrainSeeds,
    carriersPerSpace: o.carriersPerSpace,
    allowMissing: o.allowMissing,
    testFraction: o.testFraction,
    mode: o.mode,
    backend: o.backend,
    ...(o.epochs !== undefined ? { epochs: o.epochs } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(o.id !== undefined ? { id: o.id } : {}),
  };
  return DeletionOptionsSchema.parse(picked);
}

/**
 * Simulated deletion requests on one data file as BullMQ jobs: each job is the whole forget audit
 * of one request (dataset hash, request ids, forget options with its seed) and returns its report,
 * per-sample results included, exactly as `runForgetAudit` gives it here. validate/ sends each
 * simulated request this way; calibrate's simulated requests have the same shape (docs/queue.md).
 */
export async function simulatedDeletionsOnQueue(dataPath: string, requests: SimulatedDeletion[], settings: QueueRunSettings, ctx?: JobContext): Promise<ForgetReport[]> {
  const file = fs.readFileSync(dataPath);
  const fileHash = blobHash(file);
  const audits = new Map(requests.filter((r) => r.options.auditFile).map((r) => [r.options.auditFile!, fs.readFileSync(r.options.auditFile!)]));
  const payloads: DeletionJobPayload[] = requests.map((r, k) => ({
    v: 1,
    runId: '',
    fileHash,
    ...(r.options.auditFile ? { auditHash: blobHash(audits.get(r.options.auditFile)!) } : {}),
    fileName: path.basename(dataPath),
    k,
    ids: r.ids,
    options: deletionOptions(r.options),
  }));
  const texts = await runPayloadsOnQueue(
    DELETION_JOB,
    payloads,
    {
      what: 'simulated deletion',
      publish: async (redis) => {
        await publishBlob(redis, file);
        for (const audit of audits.values()) await publishBlob(redis, audit);
      },
      decode: (body, k) => decodeDeletionResult(body, { data: dataPath, request: requests[k].requestFile, audit: requests[k].options.auditFile }),
    },
    settings,
    ctx,
  );
  return texts.map((text) => validateForgetReport(JSON.parse(text)));
}
