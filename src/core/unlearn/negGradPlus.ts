import * as tf from '@tensorflow/tfjs-core';
import { BatchSampler, crossEntropy, runSgd } from './steps';
import { param, retainEpochs, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/** NegGrad+: minimise α·CE(retain batch) − (1−α)·CE(forget batch) (α ≈ 0.99). */
export const negGradPlus: UnlearningAlgorithm = {
  name: 'neggrad+',
  summary: 'trains on retained data while pushing the forget set away (α·CE(R) − (1−α)·CE(F))',
  defaults: (task) => ({ epochs: Math.max(2, Math.round(retainEpochs(task) / 2)), learningRate: 0.05, alpha: 0.97 }),
  async run(model, task, params, ctx) {
    const alpha = param(params, 'alpha');
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed);
    const forget = new BatchSampler(task.forgetIdx, task.batchSize, task.seed + 1);
    await runSgd(
      model,
      { epochs: param(params, 'epochs'), stepsPerEpoch: stepsPerEpoch(task.retainIdx.length, task.batchSize), learningRate: param(params, 'learningRate') },
      () =>
        tf.sub(
          tf.mul(alpha, crossEntropy(model, task.data.X, task.data.yOneHot, retain.next())),
          tf.mul(1 - alpha, crossEntropy(model, task.data.X, task.data.yOneHot, forget.next())),
        ) as tf.Scalar,
      (epoch) => task.onEpoch?.(epoch, model),
      ctx,
    );
  },
};
