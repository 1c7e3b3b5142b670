import { z } from 'zod';

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

/** The payload, or an error naming the first problem (so a bad job fails without running). */
export function parseSubsetJob(data: unknown): SubsetJobPayload {
  const parsed = SubsetJobSchema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`invalid ForgetLens job payload: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
}
