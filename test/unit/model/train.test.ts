import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/model/backend';
import { toDeviceData } from '../../../src/core/model/deviceData';
import { Mlp, sizeArchitecture } from '../../../src/core/model/mlp';
import { accuracyOn, predictAll } from '../../../src/core/model/predict';
import { trainMlp } from '../../../src/core/model/train';
import { summariseTrainingRecord } from '../../../src/core/factors/trainingDynamics';
import { createRandom } from '../../../src/core/util/random';

/** Two Gaussian blobs per class in 2-D, plus one sample whose label is flipped. */
function blobs(n: number, seed: number) {
  const random = createRandom(seed);
  const X = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    X[i * 2] = (y[i] ? 2 : -2) + (random() - 0.5);
    X[i * 2 + 1] = random() - 0.5;
  }
  y[0] = 1 - y[0];
  return { X, y };
}

test('training is deterministic for a seed, learns the data and leaks no tensors', async () => {
  await initBackend('wasm');
  const { X, y } = blobs(200, 1);
  const data = toDeviceData(X, 2, y, 2);
  const all = Int32Array.from({ length: 200 }, (_, i) => i);
  const before = tf.memory().numTensors;
  const runOnce = async () => {
    const model = Mlp.create(sizeArchitecture(2, 2), 7);
    const record = await trainMlp(model, data, all, { epochs: 30, batchSize: 32, learningRate: 0.01, seed: 7, record: true });
    const weights = model.getWeights();
    const acc = accuracyOn(predictAll(model, data), y, all);
    model.dispose();
    return { weights, record: record!, acc };
  };
  const a = await runOnce();
  const b = await runOnce();
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  assert.deepEqual(a.weights, b.weights);
  assert.ok(a.acc >= 0.98, `accuracy ${a.acc}`);
  const dynamics = summariseTrainingRecord(a.record);
  // The flipped sample is the least confident and the least often right during training.
  const conf = Array.from(dynamics.confidence);
  assert.equal(conf.indexOf(Math.min(...conf)), 0);
  assert.ok(dynamics.fractionCorrect[0] < 0.5);
  assert.ok(dynamics.firstLearnedEpoch[1] <= 10, `clean sample learned at epoch ${dynamics.firstLearnedEpoch[1]}`);
  // Its cumulative loss is the largest too, and is the sum of −log p over the recorded epochs.
  const loss = Array.from(dynamics.cumulativeLoss);
  assert.equal(loss.indexOf(Math.max(...loss)), 0);
  let sum = 0;
  for (let epoch = 0; epoch < a.record.epochs; epoch++) sum -= Math.log(a.record.pTrue[epoch * 200 + 5]);
  assert.ok(Math.abs(dynamics.cumulativeLoss[5] - sum) < 1e-3 * Math.max(1, sum), `${dynamics.cumulativeLoss[5]} vs ${sum}`);
  data.dispose();
});
