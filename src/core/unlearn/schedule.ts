import { Mlp } from '../model/mlp';
import { defaultTrainOptions } from '../model/train';
import { HeldOutRewind } from './heldOutRewind';
import { HyperParameters, UnlearnTask } from './types';

/**
 * Unlearning uses Adam, like the original's training, at the original's learning rate; methods
 * that push the forget set away are also stopped and rewound by the held-out rule.
 */
export const ORIGINAL_LEARNING_RATE = defaultTrainOptions(1, 0).learningRate;

/**
 * Fine-tuning has no forgetting term: only a warm restart makes the model drift from what it
 * memorised, so it gets SCIENCE.md's (RUM's) 0.01, five times the original's rate. At the
 * original's rate, ten epochs left a random 10% of digits at 100% forget accuracy.
 */
export const FINETUNE_LEARNING_RATE = 0.01;

/** Epochs over the retain set: fewer on large data, where each epoch is many steps. */
export function retainEpochs(task: Pick<UnlearnTask, 'retainIdx'>): number {
  return task.retainIdx.length > 20_000 ? 5 : 10;
}

export function stepsPerEpoch(count: number, batchSize: number): number {
  return Math.max(1, Math.ceil(count / batchSize));
}

/** A hyper-parameter, with the algorithm's name in the error if it is missing. */
export function param(params: HyperParameters, name: string): number {
  const value = params[name];
  if (!Number.isFinite(value)) throw new Error(`unlearning hyper-parameter "${name}" is not set`);
  return value;
}

/**
 * The held-out early stop with rewind (see HeldOutRewind), unless the `rewind` hyper-parameter is
 * 0; `patience` counts checks (about ten an epoch) without improvement, 0: the whole budget.
 */
export function heldOutCheckpoint(model: Mlp, task: UnlearnTask, params: HyperParameters): HeldOutRewind | undefined {
  if (param(params, 'rewind') === 0) return undefined;
  return new HeldOutRewind(model, task, param(params, 'patience'));
}
