import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, heldOutCheckpoint, param, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/**
 * NegGrad+: minimise α·CE(retain batch) − (1−α)·CE(forget batch) (α ≈ 0.97–0.99), stopped and
 * rewound by the held-out rule.
 */
export const negGradPlus: UnlearningAlgorithm = {
  name: 'neggrad+',
  summary: 'trains on retained data while pushing the forget set away (α·CE(R) − (1−α)·CE(F))',
  defaults: (task) => ({ steps: halfRetainSteps(task), learningRate: ORIGINAL_LEARNING_RATE, alpha: 0.97, rewind: 1, patience: 0 }),
  async run(model, task, params, ctx) {
    const alpha = param(params, 'alpha');
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed);
    const forget = new BatchSampler(task.forgetIdx, task.batchSize, task.seed + 1);
    return runUnlearningSteps(
      model,
      {
        steps: param(params, 'steps'),
        stepsPerEpoch: stepsPerEpoch(task.retainIdx.length, task.batchSize),
        learningRate: param(params, 'learningRate'),
        checkpoint: heldOutCheckpoint(model, task, params),
      },
      () => () =>
        tf.sub(
          tf.mul(alpha, crossEntropy(model, task.data.X, task.data.yOneHot, retain.next())),
          tf.mul(1 - alpha, crossEntropy(model, task.data.X, task.data.yOneHot, forget.next())),
        ) as tf.Scalar,
      task,
      ctx,
    );
  },
};
