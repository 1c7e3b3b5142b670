import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '../util/random';
import { BatchSampler, UnlearnOutcome, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, heldOutCheckpoint, param, stepsPerEpoch } from './schedule';
import { HyperParameters, UnlearnTask, UnlearningAlgorithm } from './types';
import { Mlp } from '../model/mlp';
import { JobContext } from '../progress';

/**
 * Random-label: train on retain ∪ forget, shuffled together, with every forget sample given a
 * label drawn afresh, uniformly over all classes, each time it is in a batch (as SalUn's code does).
 * A fixed wrong label per sample would instead have the model memorise |F| arbitrary
 * associations, which bends the features the retained data relies on: on one Fashion-MNIST
 * request that cost twelve points of test accuracy (docs/science.md). Fresh labels only push the
 * forget set's outputs toward uniform.
 */
export const randomLabel: UnlearningAlgorithm = {
  name: 'random-label',
  summary: 'trains on all data with the forget set relabelled at random',
  defaults: (task) => ({ steps: halfRetainSteps(task), learningRate: ORIGINAL_LEARNING_RATE, rewind: 1, patience: 0 }),
  run: (model, task, params, ctx) => trainWithRandomLabels(model, task, params, undefined, ctx),
};

/** Shared by random-label and SalUn (which only lets the salient weights move). */
export async function trainWithRandomLabels(
  model: Mlp,
  task: UnlearnTask,
  params: HyperParameters,
  mask: tf.Tensor[] | undefined,
  ctx?: JobContext,
): Promise<UnlearnOutcome> {
  const all = Int32Array.from([...task.retainIdx, ...task.forgetIdx]);
  const sampler = new BatchSampler(all, task.batchSize, task.seed);
  const relabel = randomRelabeller(task);
  return runUnlearningSteps(
    model,
    {
      steps: param(params, 'steps'),
      stepsPerEpoch: stepsPerEpoch(all.length, task.batchSize),
      learningRate: param(params, 'learningRate'),
      mask,
      checkpoint: heldOutCheckpoint(model, task, params),
    },
    () => {
      const batch = sampler.next();
      const targets = relabel(batch);
      return () => crossEntropy(model, task.data.X, task.data.yOneHot, batch, tf.cast(tf.oneHot(tf.tensor1d(targets, 'int32'), task.data.numClasses), 'float32') as tf.Tensor2D);
    },
    task,
    ctx,
  );
}

/** Labels for a batch: the true label for retained rows, a uniform random class (drawn now) for forget rows. */
export function randomRelabeller(task: Pick<UnlearnTask, 'data' | 'forgetIdx' | 'seed'>): (batch: Int32Array) => Int32Array {
  const random = createRandom(task.seed ^ 0x5a17);
  const isForget = new Uint8Array(task.data.y.length);
  for (const i of task.forgetIdx) isForget[i] = 1;
  const c = task.data.numClasses;
  return (batch) => Int32Array.from(batch, (i) => (isForget[i] ? Math.floor(random() * c) : task.data.y[i]));
}
