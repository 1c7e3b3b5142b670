import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, param, retainEpochs, retainSteps, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/** L1-sparse: fine-tune on the retain set with an L1 penalty on the weights that decays linearly to 0. */
export const l1Sparse: UnlearningAlgorithm = {
  name: 'l1-sparse',
  summary: 'fine-tunes on retained data with a decaying L1 penalty that sparsifies the weights',
  defaults: (task) => ({ steps: retainSteps(task, retainEpochs(task)), learningRate: ORIGINAL_LEARNING_RATE, l1: 1e-3 }),
  async run(model, task, params, ctx) {
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed);
    const schedule = { steps: param(params, 'steps'), stepsPerEpoch: stepsPerEpoch(task.retainIdx.length, task.batchSize), learningRate: param(params, 'learningRate') };
        const l1 = param(params, 'l1');
    const weights = model.params.filter((p) => p.shape.length === 2);
    return runUnlearningSteps(
      model,
      schedule,
      (step) => () => {
        const penalty = tf.addN(weights.map((w) => tf.sum(tf.abs(w))));
        const strength = l1 * (1 - step / schedule.steps);
        return tf.add(crossEntropy(model, task.data.X, task.data.yOneHot, retain.next()), tf.mul(strength, penalty)) as tf.Scalar;
      },
      task,
      ctx,
    );
  },
};
