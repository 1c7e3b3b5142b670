import * as tf from '@tensorflow/tfjs-core';
import { createRandom } from '../util/random';
import { BatchSampler, UnlearnOutcome, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, heldOutCheckpoint, param, stepsPerEpoch } from './schedule';
import { HyperParameters, UnlearnTask, UnlearningAlgorithm } from './types';
import { Mlp } from '../model/mlp';
import { JobContext } from '../progress';

/** Random-label: train on retain ∪ forget with each forget sample given a fixed wrong random label. */
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
  const targets = randomWrongTargets(task);
  const all = Int32Array.from([...task.retainIdx, ...task.forgetIdx]);
  const sampler = new BatchSampler(all, task.batchSize, task.seed);
  try {
    return await runUnlearningSteps(
      model,
      {
        steps: param(params, 'steps'),
        stepsPerEpoch: stepsPerEpoch(all.length, task.batchSize),
        learningRate: param(params, 'learningRate'),
        mask,
        checkpoint: heldOutCheckpoint(model, task, params),
      },
      () => () => {
        const batch = sampler.next();
        return crossEntropy(model, task.data.X, task.data.yOneHot, batch, tf.gather(targets, tf.tensor1d(batch, 'int32')) as tf.Tensor2D);
      },
      task,
      ctx,
    );
  } finally {
    targets.dispose();
  }
}

/** One-hot targets for every sample: the true label, except a random other label for the forget set. */
function randomWrongTargets(task: UnlearnTask): tf.Tensor2D {
  const random = createRandom(task.seed ^ 0x5a17);
  const labels = Int32Array.from(task.data.y);
  const c = task.data.numClasses;
  for (const i of task.forgetIdx) labels[i] = (labels[i] + 1 + Math.floor(random() * (c - 1))) % c;
  return tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(labels, 'int32'), c), 'float32') as tf.Tensor2D);
}
