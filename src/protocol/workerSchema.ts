import { z } from 'zod';
import type { WorkerEvent } from './worker';

const PHASES = ['reading', 'training', 'cross-fit', 'subsample-models', 'embeddings', 'similarity', 'factors', 'writing', 'unlearning'] as const;

/** What the worker process may send; anything else is a protocol error, not a result. */
const WorkerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('progress'), event: z.object({ phase: z.enum(PHASES), fraction: z.number().min(0).max(1), message: z.string().optional() }) }),
  z.object({ type: z.literal('done'), files: z.array(z.string()) }),
  z.object({ type: z.literal('error'), message: z.string(), badInput: z.boolean() }),
  z.object({ type: z.literal('cancelled') }),
]);

export function parseWorkerEvent(message: unknown): WorkerEvent | { invalid: string } {
  const parsed = WorkerEventSchema.safeParse(message);
  if (parsed.success) return parsed.data;
  return { invalid: `the worker sent an unexpected message (${parsed.error.issues[0].message}): ${JSON.stringify(message).slice(0, 200)}` };
}
