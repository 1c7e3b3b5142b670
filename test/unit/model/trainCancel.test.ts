import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../../../src/core/data/load';
import { CancelledError } from '../../../src/core/errors';
import { initBackend } from '../../../src/core/model/backend';
import { toDeviceData } from '../../../src/core/model/deviceData';
import { Mlp, sizeArchitecture } from '../../../src/core/model/mlp';
import { trainMlp } from '../../../src/core/model/train';
import { DIGITS_CSV } from '../../helpers/digits';

test('a cancel during an epoch stops training between batches, well before the epoch ends, leaking no tensors', async () => {
  await initBackend('wasm');
  const { dataset } = await loadDataset(DIGITS_CSV);
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const all = Int32Array.from(dataset.y, (_, i) => i);
  const model = Mlp.create(sizeArchitecture(dataset.numFeatures, dataset.classes.length), 3);
  const before = tf.memory().numTensors;
  // One epoch of single-sample batches: about 1 800 steps, seconds of work with no epoch boundary to stop at.
  const controller = new AbortController();
  let epochs = 0;
  let abortedAt = 0;
  setTimeout(() => {
    abortedAt = performance.now();
    controller.abort();
  }, 150);
  const started = performance.now();
  await assert.rejects(
    trainMlp(model, data, all, { epochs: 1, batchSize: 1, learningRate: 0.01, seed: 3, record: true, onEpoch: () => epochs++ }, { signal: controller.signal }),
    CancelledError,
  );
  const stoppedAfter = performance.now() - abortedAt;
  assert.equal(epochs, 0, 'the epoch finished before the cancel was seen');
  assert.ok(abortedAt > started && stoppedAfter < 500, `stopped ${stoppedAfter.toFixed(0)} ms after the abort`);
  assert.equal(tf.memory().numTensors, before, 'tensors leaked');
  model.dispose();
  data.dispose();
});
