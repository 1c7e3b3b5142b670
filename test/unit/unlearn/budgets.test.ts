import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../src/core/model/backend';
import { toDeviceData } from '../../../src/core/model/deviceData';
import { Mlp } from '../../../src/core/model/mlp';
import { ALGORITHMS } from '../../../src/core/unlearn/algorithms';
import { ORIGINAL_LEARNING_RATE } from '../../../src/core/unlearn/schedule';
import { runUnlearningSteps } from '../../../src/core/unlearn/steps';
import { distillationKl } from '../../../src/core/unlearn/scrub';
import { createRandom } from '../../../src/core/util/random';

const range = (n: number, from = 0) => Int32Array.from({ length: n }, (_, i) => from + i);

test('unlearning budgets are optimiser steps: the loop stops mid-epoch at the budget', async () => {
  await initBackend('cpu');
  const model = Mlp.create({ inputDim: 2, hidden: [4], numClasses: 2 }, 0);
  const seen: Array<[number, number]> = [];
  const outcome = await runUnlearningSteps(model, { steps: 7, stepsPerEpoch: 3, learningRate: 0.01 }, (step, epoch) => {
    seen.push([step, epoch]);
    return () => tf.sum(tf.square(model.params[0])) as tf.Scalar;
  }, {});
  assert.equal(outcome.steps, 7);
  assert.deepEqual(seen.map(([, e]) => e), [0, 0, 0, 1, 1, 1, 2]);
  model.dispose();
});

test('NegGrad gets a step budget that does not shrink with the forget set; fine-tune runs at the original learning rate', () => {
  const task = (forget: number) => ({ forgetIdx: range(forget), retainIdx: range(1400, forget), batchSize: 64 });
  const small = ALGORITHMS.neggrad.defaults(task(64));
  assert.equal(small.steps, ALGORITHMS.neggrad.defaults(task(640)).steps);
  // Five epochs over R in steps (NegGrad+'s budget), where 20 epochs over a 64-sample F were 20 steps.
  assert.equal(small.steps, ALGORITHMS['neggrad+'].defaults(task(64)).steps);
  assert.equal(small.steps, 5 * Math.ceil(1400 / 64));
  assert.equal(ALGORITHMS.finetune.defaults(task(64)).learningRate, ORIGINAL_LEARNING_RATE);
  for (const algorithm of Object.values(ALGORITHMS)) {
    assert.ok(Number.isInteger(algorithm.defaults(task(64)).steps), `${algorithm.name} has a step budget`);
    assert.equal(algorithm.defaults(task(64)).epochs, undefined, `${algorithm.name} has no epoch budget`);
  }
});

test('NegGrad spends its whole step budget on a 64-sample forget set', async () => {
  await initBackend('cpu');
  const random = createRandom(3);
  const n = 400;
  const X = Float32Array.from({ length: n * 4 }, () => random() - 0.5);
  const y = Int32Array.from({ length: n }, (_, i) => (X[i * 4] > 0 ? 1 : 0));
  const data = toDeviceData(X, 4, y, 2);
  const model = Mlp.create({ inputDim: 4, hidden: [8], numClasses: 2 }, 1);
  const task = { data, forgetIdx: range(64), retainIdx: range(300, 64), validationIdx: range(36, 364), seed: 0, batchSize: 64, original: model };
  const params: Record<string, number> = { ...ALGORITHMS.neggrad.defaults(task), rewind: 0 };
  const outcome = await ALGORITHMS.neggrad.run(model, task, params);
  assert.equal(outcome.steps, params.steps);
  assert.equal(outcome.steps, 5 * Math.ceil(300 / 64));
  model.dispose();
  data.dispose();
});

test("SCRUB's distillation KL carries the T² factor", async () => {
  await initBackend('cpu');
  const teacher = Mlp.create({ inputDim: 3, hidden: [5], numClasses: 4 }, 1);
  const student = Mlp.create({ inputDim: 3, hidden: [5], numClasses: 4 }, 2);
  const random = createRandom(7);
  const X = tf.tensor2d(Float32Array.from({ length: 18 }, () => random() * 4 - 2), [6, 3]);
  const batch = Int32Array.from([0, 2, 3, 5]);
  // KL(softmax(t/T) ‖ softmax(s/T)) from the raw logits, in plain arithmetic.
  const logits = (m: Mlp) => m.forward(tf.gather(X, tf.tensor1d(batch, 'int32')) as tf.Tensor2D).logits.arraySync() as number[][];
  const softmax = (row: number[], T: number) => {
    const e = row.map((v) => Math.exp(v / T));
    const z = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / z);
  };
  const kl = (T: number) => {
    const [t, s] = [logits(teacher), logits(student)];
    return t.reduce((sum, row, r) => {
      const [p, q] = [softmax(row, T), softmax(s[r], T)];
      return sum + p.reduce((a, pk, k) => a + pk * Math.log(pk / q[k]), 0);
    }, 0) / t.length;
  };
  for (const T of [1, 4]) {
    const value = distillationKl(teacher, student, X, batch, T).dataSync()[0];
    assert.ok(kl(T) > 1e-4, 'the two models differ');
    assert.ok(Math.abs(value - T * T * kl(T)) < 1e-4 * T * T, `T=${T}: ${value} vs T²·KL ${T * T * kl(T)}`);
  }
  [teacher, student].forEach((m) => m.dispose());
  X.dispose();
});
