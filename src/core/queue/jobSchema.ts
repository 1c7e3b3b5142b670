import { z } from 'zod';
import { ALGORITHM_NAMES } from '../unlearn/types';

const positiveInt = z.number().int().positive();
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a sha-256 hex digest');

/**
 * One subsample model of thorough mode, as queued: everything but the dataset, which the worker
 * fetches by hash. A worker parses every payload with this schema before it trains anything.
 */
export const SubsetJobSchema = z
  .object({
    v: z.literal(1),
    runId: hex64,
    datasetHash: hex64,
    k: z.number().int().min(0),
    seed: z.number().int(),
    /** Membership of this model's training subset, one bit per sample, base64. */
    members: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64').max(2_000_000),
    arch: z.strictObject({ inputDim: positiveInt, hidden: z.array(positiveInt).min(1).max(8), numClasses: z.number().int().min(2) }),
    trainOptions: z.strictObject({ epochs: positiveInt.max(10_000), batchSize: positiveInt.max(1_000_000), learningRate: z.number().positive().max(10) }),
    backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']),
  })
  .strict();

export type SubsetJobPayload = z.infer<typeof SubsetJobSchema>;

const algorithm = z.enum(ALGORITHM_NAMES);
const hyperParameters = z.record(z.string().max(100), z.number().finite());
const backend = z.enum(['auto', 'tensorflow', 'wasm', 'cpu']);

/**
 * One unlearning run of a forget audit (an algorithm, or RUM's steps): the original model, the
 * splits and the index sets live in the context blob, which several jobs of a run share.
 */
export const UnlearnJobSchema = z.strictObject({
  v: z.literal(1),
  runId: hex64,
  datasetHash: hex64,
  contextHash: hex64,
  k: z.number().int().min(0),
  name: z.string().min(1).max(100),
  /** Each step's forget and retain sets are indices into the context's index sets. */
  steps: z.array(z.strictObject({ algorithm, forgetSet: z.number().int().min(0), retainSet: z.number().int().min(0), params: hyperParameters.optional() })).min(1).max(16),
  backend,
});

export type UnlearnJobPayload = z.infer<typeof UnlearnJobSchema>;

/**
 * The forget-audit settings a simulated deletion may carry: no file paths, no queue, no thread
 * count (a worker gives each job one core); the audit is always run on the worker.
 */
export const DeletionOptionsSchema = z.strictObject({
  seed: z.number().int(),
  algorithms: z.array(algorithm).max(ALGORITHM_NAMES.length),
  params: z.partialRecord(algorithm, hyperParameters),
  rum: z.boolean(),
  rumRecipe: z.tuple([algorithm.or(z.literal('none')), algorithm.or(z.literal('none')), algorithm.or(z.literal('none'))]),
  retrainSeeds: positiveInt.max(64),
  carriersPerSpace: z.number().int().min(0).max(1000),
  allowMissing: z.boolean(),
  testFraction: z.number().gt(0).lt(1),
  mode: z.enum(['fast', 'thorough']),
  epochs: positiveInt.max(10_000).optional(),
  label: z.string().max(1000).optional(),
  id: z.string().max(1000).optional(),
  backend,
});

export type DeletionOptions = z.infer<typeof DeletionOptionsSchema>;

/** One simulated deletion request: a whole forget audit of `ids` on a data file held as a blob. */
export const DeletionJobSchema = z.strictObject({
  v: z.literal(1),
  runId: hex64,
  /** The data file's bytes, by sha-256; its name's extension tells the reader the format. */
  fileHash: hex64,
  /** The dataset's audit.json to reuse (as `forget --audit` does), by sha-256; absent: the worker runs the audit. */
  auditHash: hex64.optional(),
  fileName: z
    .string()
    .regex(/^[^/\\\0]{1,255}$/, 'expected a plain file name')
    .refine((name) => name !== '.' && name !== '..', 'expected a plain file name'),
  k: z.number().int().min(0),
  ids: z.array(z.string().max(1000)).min(1).max(1_000_000),
  options: DeletionOptionsSchema,
});

export type DeletionJobPayload = z.infer<typeof DeletionJobSchema>;

/** The payload, or an error naming the first problem (so a bad job fails without running). */
function parseWith<T>(schema: z.ZodType<T>, data: unknown): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`invalid ForgetLens job payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}

export const parseSubsetJob = (data: unknown): SubsetJobPayload => parseWith(SubsetJobSchema, data);
export const parseUnlearnJob = (data: unknown): UnlearnJobPayload => parseWith(UnlearnJobSchema, data);
export const parseDeletionJob = (data: unknown): DeletionJobPayload => parseWith(DeletionJobSchema, data);
