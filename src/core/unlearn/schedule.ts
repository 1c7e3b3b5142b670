import { HyperParameters, UnlearnTask } from './types';

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
