import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/model/backend';
import { matMulFastGrad } from '../../../src/core/model/fastMatMul';

test('matMulFastGrad gives the same value and gradients as tf.matMul', async () => {
  await initBackend('wasm');
  const a = tf.randomNormal([5, 7], 0, 1, 'float32', 1) as tf.Tensor2D;
  const b = tf.randomNormal([7, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
  const loss = (mm: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D) => (x: tf.Tensor, y: tf.Tensor) =>
    tf.sum(tf.square(mm(x as tf.Tensor2D, y as tf.Tensor2D)));
  const reference = tf.grads(loss((x, y) => tf.matMul(x, y)))([a, b]);
  const fast = tf.grads(loss(matMulFastGrad))([a, b]);
  const close = (x: tf.Tensor, y: tf.Tensor) => tf.max(tf.abs(tf.sub(x, y))).dataSync()[0] < 1e-4;
  assert.ok(close(matMulFastGrad(a, b), tf.matMul(a, b)), 'values differ');
  assert.ok(close(fast[0], reference[0]), 'gradient of a differs');
  assert.ok(close(fast[1], reference[1]), 'gradient of b differs');
});
