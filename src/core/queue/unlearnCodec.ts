import { z } from 'zod';
import type { ForgetSplit } from '../forget/evaluation';
import type { UnlearningRun } from '../forget/runUnlearning';
import type { MlpArchitecture } from '../model/mlp';
import type { HeldOutEvidence } from '../unlearn/types';
import { PackedArray, pack, unpack } from './packed';
import type { DecodedResult } from './queueRun';

/** What every unlearning job of one forget audit shares: the original model, the splits, the reference. */
export interface UnlearnContext {
  arch: MlpArchitecture;
  weights: Float32Array[];
  split: ForgetSplit;
  /** p(label) of the retrained reference, per sample: when each forget sample counts as forgotten. */
  pRetrain: Float32Array;
  seed: number;
  batchSize: number;
  heldOutEvidence?: HeldOutEvidence;
  /** The index sets the jobs' steps name by position (the forget set, the retain set, RUM's tiers…). */
  sets: Int32Array[];
}

const positiveInt = z.number().int().positive();
const ContextHeader = z.strictObject({
  arch: z.strictObject({ inputDim: positiveInt, hidden: z.array(positiveInt).min(1).max(8), numClasses: z.number().int().min(2) }),
  weights: z.number().int().min(2).max(18),
  sets: z.number().int().min(0).max(64),
  seed: z.number().int(),
  batchSize: positiveInt,
  evidence: z.boolean(),
});

export function encodeContext(c: UnlearnContext): Buffer {
  const arrays: Record<string, PackedArray> = { forget: c.split.forgetIdx, retain: c.split.retainIdx, validation: c.split.validationIdx, test: c.split.testIdx, pRetrain: c.pRetrain };
  c.weights.forEach((w, i) => (arrays[`w${i}`] = w));
  c.sets.forEach((s, i) => (arrays[`s${i}`] = s));
  if (c.heldOutEvidence) Object.assign(arrays, { memorization: c.heldOutEvidence.memorization, heldOutCorrect: c.heldOutEvidence.heldOutCorrect });
  const header = { arch: c.arch, weights: c.weights.length, sets: c.sets.length, seed: c.seed, batchSize: c.batchSize, evidence: !!c.heldOutEvidence };
  return pack(header, arrays);
}

export function decodeContext(body: Buffer): UnlearnContext {
  const { header, arrays } = unpack(body, 'unlearning context');
  const h = ContextHeader.parse(header);
  const get = <T extends PackedArray>(name: string, type: new (n: number) => T): T => {
    const a = arrays[name];
    if (!(a instanceof type)) throw new Error(`malformed unlearning context from the queue: ${name} is missing or of the wrong type`);
    return a as T;
  };
  return {
    arch: h.arch,
    weights: Array.from({ length: h.weights }, (_, i) => get(`w${i}`, Float32Array)),
    split: { forgetIdx: get('forget', Int32Array), retainIdx: get('retain', Int32Array), validationIdx: get('validation', Int32Array), testIdx: get('test', Int32Array) },
    pRetrain: get('pRetrain', Float32Array),
    seed: h.seed,
    batchSize: h.batchSize,
    heldOutEvidence: h.evidence ? { memorization: get('memorization', Float32Array), heldOutCorrect: get('heldOutCorrect', Float32Array) } : undefined,
    sets: Array.from({ length: h.sets }, (_, i) => get(`s${i}`, Int32Array)),
  };
}

/** JSON writes NaN as null; a NaN metric (an empty split) comes back as NaN. */
const metric = z.number().nullable().transform((v) => v ?? NaN);
const ResultHeader = z.strictObject({
  name: z.string(),
  seconds: metric,
  stepsUntilForgotten: z.array(z.number().nullable()),
  epochsUntilForgotten: z.array(z.number().nullable()),
  params: z.record(z.string(), z.number()),
  accuracy: z.strictObject({ forget: metric, retain: metric, test: metric }),
  mia: metric,
  backend: z.string(),
  workerId: z.string(),
});

/** One unlearning run's result: the numbers as JSON (exact for doubles), p(y|x) and correctness as raw bytes. */
export function encodeUnlearnResult(run: UnlearningRun, backend: string, workerId: string): Buffer {
  const { evaluation, ...rest } = run;
  return pack({ ...rest, accuracy: evaluation.accuracy, mia: evaluation.mia, backend, workerId }, { pTrue: evaluation.pTrue, correct: evaluation.correct });
}

export function decodeUnlearnResult(body: Buffer, n: number): DecodedResult<UnlearningRun> {
  const { header, arrays } = unpack(body, 'unlearning result');
  const h = ResultHeader.parse(header);
  const { pTrue, correct } = arrays;
  if (!(pTrue instanceof Float32Array) || !(correct instanceof Uint8Array) || pTrue.length !== n || correct.length !== n) {
    throw new Error(`malformed unlearning result from the queue: expected p(y|x) and correctness for ${n} samples`);
  }
  const run: UnlearningRun = {
    name: h.name,
    evaluation: { pTrue, correct, accuracy: h.accuracy, mia: h.mia },
    seconds: h.seconds,
    stepsUntilForgotten: h.stepsUntilForgotten,
    epochsUntilForgotten: h.epochsUntilForgotten,
    params: h.params,
  };
  return { value: run, backend: h.backend, workerId: h.workerId };
}
