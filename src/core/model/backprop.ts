import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from './mlp';

export interface BackpropResult {
  /** Gradients of the mean softmax cross-entropy, in the order of `model.params`. */
  grads: tf.Tensor[];
  probs: tf.Tensor2D;
  /** Activations of the last hidden layer. */
  hidden: tf.Tensor2D;
}

/**
 * Forward and backward pass of the MLP written out by hand: fused dense+bias+ReLU kernels forward,
 * the chain rule backward with explicit transposes (a transposed-operand matMul is 10-15x slower
 * on wasm). About a third of the kernel calls of autodiff through Mlp.forward, same gradients.
 * Call inside tf.tidy.
 */
export function backprop(model: Mlp, xb: tf.Tensor2D, yOneHot: tf.Tensor2D): BackpropResult {
  const { params } = model;
  const layers = params.length / 2;
  const activations: tf.Tensor2D[] = [xb];
  for (let layer = 0; layer < layers; layer++) {
    const hiddenLayer = layer < layers - 1;
    activations.push(
      tf.fused.matMul({
        a: activations[layer],
        b: params[2 * layer] as tf.Tensor2D,
        bias: params[2 * layer + 1],
        activation: hiddenLayer ? 'relu' : 'linear',
      }) as tf.Tensor2D,
    );
  }
  const logits = activations[layers];
  const probs = tf.softmax(logits);
  // d(mean cross-entropy)/d(logits) = (softmax − onehot) / batch.
  let delta: tf.Tensor2D = tf.mul(tf.sub(probs, yOneHot), 1 / xb.shape[0]);
  const grads: tf.Tensor[] = new Array(params.length);
  for (let layer = layers - 1; layer >= 0; layer--) {
    const input = activations[layer];
    grads[2 * layer] = tf.matMul(tf.transpose(input), delta);
    grads[2 * layer + 1] = tf.sum(delta, 0);
    if (layer > 0) delta = tf.mul(tf.matMul(delta, tf.transpose(params[2 * layer] as tf.Tensor2D)), tf.step(input));
  }
  return { grads, probs, hidden: activations[layers - 1] };
}
