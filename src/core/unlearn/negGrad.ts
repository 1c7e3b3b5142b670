import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, crossEntropy, runSgd } from './steps';
import { param, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/** NegGrad (gradient ascent): maximise the loss on the forget set, with a small learning rate. */
export const negGrad: UnlearningAlgorithm = {
  name: 'neggrad',
  summary: 'gradient ascent on the forget set',
  defaults: () => ({ epochs: 10, learningRate: 0.01 }),
  async run(model, task, params, ctx) {
    const forget = new BatchSampler(task.forgetIdx, task.batchSize, task.seed);
    await runSgd(
      model,
      { epochs: param(params, 'epochs'), stepsPerEpoch: stepsPerEpoch(task.forgetIdx.length, task.batchSize), learningRate: param(params, 'learningRate') },
      () => tf.neg(crossEntropy(model, task.data.X, task.data.yOneHot, forget.next())),
      (epoch) => task.onEpoch?.(epoch, model),
      ctx,
    );
  },
};
