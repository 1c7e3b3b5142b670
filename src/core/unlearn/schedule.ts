import { Mlp } from '../model/mlp';
import { defaultTrainOptions } from '../model/train';
import { HeldOutRewind } from './heldOutRewind';
import { HyperParameters, UnlearnTask } from './types';

/**
 * Unlearning uses Adam, like the original's training, at the original's learning rate (fine-tune
 * too: it continues the original's training on R); methods that push the forget set away are
 * also stopped and rewound by the held-out rule. Budgets are hyper-parameter `steps`, optimiser
 * steps: counted in epochs over F, a small forget set would get a handful of steps.
 */
export const ORIGINAL_LEARNING_RATE = defaultTrainOptions(1, 0).learningRate;

/** Epochs over the retain set: fewer on large data, where each epoch is many steps. */
export function retainEpochs(task: Pick<UnlearnTask, 'retainIdx'>): number {
  return task.retainIdx.length > 20_000 ? 5 : 10;
}

export function stepsPerEpoch(count: number, batchSize: number): number {
  return Math.max(1, Math.ceil(count / batchSize));
}

/** A budget of `epochs` passes over the retain set, in optimiser steps. */
export function retainSteps(task: Pick<UnlearnTask, 'retainIdx' | 'batchSize'>, epochs: number): number {
  return epochs * stepsPerEpoch(task.retainIdx.length, task.batchSize);
}

/** The budget of the methods that run half of fine-tuning's epochs over R (at least two). */
export function halfRetainSteps(task: Pick<UnlearnTask, 'retainIdx' | 'batchSize'>): number {
  return retainSteps(task, Math.max(2, Math.round(retainEpochs(task) / 2)));
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
