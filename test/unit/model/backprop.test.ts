import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/model/backend';
import { backprop } from '../../../src/core/model/backprop';
import { minibatch, toDeviceData } from '../../../src/core/model/deviceData';
import { Mlp } from '../../../src/core/model/mlp';

const arch = { inputDim: 12, hidden: [16, 8], numClasses: 3 };

function batch(seed: number) {
  const x = tf.randomNormal([10, arch.inputDim], 0, 1, 'float32', seed) as tf.Tensor2D;
  const y = tf.cast(tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2, 0, 0, 1, 2], 'int32'), arch.numClasses), 'float32') as tf.Tensor2D;
  return { x, y };
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

test('hand-written backprop gives the gradients of autodiff through Mlp.forward', async () => {
  await initBackend('wasm');
  const model = Mlp.create(arch, 3);
  const { x, y } = batch(5);
  tf.tidy(() => {
    const { grads } = backprop(model, x, y);
    const auto = tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.forward(x).logits) as tf.Scalar, model.params);
    model.params.forEach((p, i) => {
      const reference = auto.grads[p.name];
      assert.ok(maxAbsDiff(grads[i], reference) < 1e-5, `gradient of parameter ${i} differs`);
      assert.ok(tf.max(tf.abs(reference)).dataSync()[0] > 1e-4, 'a zero gradient would make this test vacuous');
    });
  });
  model.dispose();
});

test('minibatch assembles the same rows and one-hot labels as a gather', async () => {
  await initBackend('wasm');
  const X = Float32Array.from({ length: 5 * 3 }, (_, i) => i * 0.5 - 2);
  const data = toDeviceData(X, 3, Int32Array.from([2, 0, 1, 1, 0]), 3);
  const rows = Int32Array.from([4, 0, 3, 0]);
  const { xb, yb } = minibatch(data, rows);
  const idx = tf.tensor1d(rows, 'int32');
  assert.deepEqual(Array.from(xb.dataSync()), Array.from(tf.gather(data.X, idx).dataSync()));
  assert.deepEqual(Array.from(yb.dataSync()), Array.from(tf.gather(data.yOneHot, idx).dataSync()));
  tf.dispose([xb, yb, idx]);
  data.dispose();
});
