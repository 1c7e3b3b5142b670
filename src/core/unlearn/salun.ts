import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../model/mlp';
import { crossEntropy } from './steps';
import { trainWithRandomLabels } from './randomLabel';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, param } from './schedule';
import { UnlearnTask, UnlearningAlgorithm } from './types';

/**
 * SalUn: random-label unlearning that only updates the salient weights, those with the largest
 * |∂CE_F/∂θ| (the top `saliency` share, 50% by default, over all weights together).
 */
export const salun: UnlearningAlgorithm = {
  name: 'salun',
  summary: 'random-label unlearning restricted to the weights most responsible for the forget set',
  defaults: (task) => ({ steps: halfRetainSteps(task), learningRate: ORIGINAL_LEARNING_RATE, saliency: 0.5, rewind: 1, patience: 0 }),
  async run(model, task, params, ctx) {
    const mask = saliencyMask(model, task, param(params, 'saliency'));
    try {
      return await trainWithRandomLabels(model, task, params, mask, ctx);
    } finally {
      mask.forEach((m) => m.dispose());
    }
  },
};

/** 1 for the weights whose forget-loss gradient magnitude is in the top `share`, else 0. */
export function saliencyMask(model: Mlp, task: UnlearnTask, share: number): tf.Tensor[] {
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => crossEntropy(model, task.data.X, task.data.yOneHot, task.forgetIdx), model.params);
    const magnitudes = model.params.map((p) => tf.abs(grads[p.name]));
    const all = tf.concat(magnitudes.map((m) => tf.reshape(m, [-1])));
    const keep = Math.max(1, Math.round(all.size * share));
    const threshold = tf.min(tf.topk(all, keep).values);
    return magnitudes.map((m) => tf.cast(tf.greaterEqual(m, threshold), 'float32'));
  });
}
