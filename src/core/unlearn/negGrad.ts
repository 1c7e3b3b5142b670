import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, heldOutCheckpoint, param, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/**
 * NegGrad (gradient ascent): maximise the loss on the forget set with a small learning rate (a
 * tenth of the original's: ascent on a random forget set also erodes retained and held-out
 * accuracy, so it must move in fine steps), stopped and rewound by the held-out rule. Its budget
 * is NegGrad+'s, in optimiser steps, whatever the size of F: counted in epochs over F, 20 epochs
 * of a 64-sample forget set were 20 steps, too few to move the model at this rate.
 */
export const negGrad: UnlearningAlgorithm = {
  name: 'neggrad',
  summary: 'gradient ascent on the forget set',
  defaults: (task) => ({ steps: halfRetainSteps(task), learningRate: ORIGINAL_LEARNING_RATE / 10, rewind: 1, patience: 0 }),
  async run(model, task, params, ctx) {
    const forget = new BatchSampler(task.forgetIdx, task.batchSize, task.seed);
    return runUnlearningSteps(
      model,
      {
        steps: param(params, 'steps'),
        stepsPerEpoch: stepsPerEpoch(task.forgetIdx.length, task.batchSize),
        learningRate: param(params, 'learningRate'),
        checkpoint: heldOutCheckpoint(model, task, params),
      },
      () => () => tf.neg(crossEntropy(model, task.data.X, task.data.yOneHot, forget.next())),
      task,
      ctx,
    );
  },
};
