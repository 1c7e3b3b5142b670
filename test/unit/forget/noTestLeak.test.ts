import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetSplit } from '../../../src/core/forget/forgetSplit';
import { runUnlearning } from '../../../src/core/forget/runUnlearning';
import { initBackend } from '../../../src/core/model/backend';
import { toDeviceData } from '../../../src/core/model/deviceData';
import { Mlp, sizeArchitecture } from '../../../src/core/model/mlp';
import { defaultTrainOptions, trainMlp } from '../../../src/core/model/train';
import { AlgorithmName } from '../../../src/core/unlearn/types';
import { createRandom, shuffleInPlace } from '../../../src/core/util/random';
import { readDigits } from '../../helpers/digits';

// Real data: scikit-learn's digits. The forget set is every 12th sample (150 samples).
const rows = readDigits();
const X = Float32Array.from(rows.flatMap((r) => r.pixels.map((v) => v / 16)));
const y = Int32Array.from(rows, (r) => r.label);
const forgetIdx = Int32Array.from(rows.keys()).filter((i) => i % 12 === 5);

test('the validation split comes from the retain pool, stratified, fixed by the seed, held out from training and from T', () => {
  const split = forgetSplit(y, forgetIdx, { testFraction: 0.1, seed: 4 });
  const sets = [split.forgetIdx, split.retainIdx, split.validationIdx, split.testIdx];
  assert.equal(sets.reduce((n, s) => n + s.length, 0), y.length, 'every row in exactly one set');
  assert.equal(new Set(sets.flatMap((s) => Array.from(s))).size, y.length);
  const pool = split.retainIdx.length + split.validationIdx.length;
  assert.ok(Math.abs(split.validationIdx.length - 0.1 * pool) <= 10, `V has ${split.validationIdx.length} of ${pool}`);
  for (let c = 0; c < 10; c++) {
    const share = Array.from(split.validationIdx).filter((i) => y[i] === c).length / split.validationIdx.length;
    const poolShare = [...split.retainIdx, ...split.validationIdx].filter((i) => y[i] === c).length / pool;
    assert.ok(Math.abs(share - poolShare) < 0.02, `class ${c}: ${share} in V vs ${poolShare} in the pool`);
  }
  assert.deepEqual(forgetSplit(y, forgetIdx, { testFraction: 0.1, seed: 4 }), split);
  assert.notDeepEqual(Array.from(forgetSplit(y, forgetIdx, { testFraction: 0.1, seed: 5 }).validationIdx), Array.from(split.validationIdx));
});

test('no unlearning choice reads T: scrambling the test labels leaves every unlearned model unchanged; scrambling V changes the choice', async () => {
  await initBackend('wasm');
  const split = forgetSplit(y, forgetIdx, { testFraction: 0.1, seed: 0 });
  const scrambled = (idx: Int32Array) => {
    const labels = Int32Array.from(y);
    const order = Int32Array.from(idx);
    shuffleInPlace(order, createRandom(9));
    idx.forEach((i, k) => (labels[i] = (y[order[k]] + 1 + (k % 9)) % 10));
    return toDeviceData(X, 64, labels, 10);
  };
  const data = toDeviceData(X, 64, y, 10);
  const testScrambled = scrambled(split.testIdx);
  const validationScrambled = scrambled(split.validationIdx);
  const trainIdx = Int32Array.from([...split.retainIdx, ...split.forgetIdx]).sort();
  const original = Mlp.create(sizeArchitecture(64, 10), 0);
  await trainMlp(original, data, trainIdx, { ...defaultTrainOptions(trainIdx.length, 0), epochs: 12, record: false });
  const pRetrain = new Float32Array(y.length).fill(0.5);
  const settings = { seed: 0, batchSize: 64 };
  const notTest = Array.from(y.keys()).filter((i) => !split.testIdx.includes(i));
  let validationMattered = 0;
  try {
    for (const algorithm of ['neggrad', 'neggrad+', 'random-label', 'salun', 'scrub'] as AlgorithmName[]) {
      const run = (d: typeof data) => runUnlearning(algorithm, original, [{ algorithm, forgetIdx: split.forgetIdx, retainIdx: split.retainIdx, params: { steps: 60 } }], d, split, pRetrain, settings);
      const [clean, withT, withV] = [await run(data), await run(testScrambled), await run(validationScrambled)];
      const onTrain = (r: typeof clean) => notTest.map((i) => r.evaluation.pTrue[i]);
      assert.deepEqual(onTrain(withT), onTrain(clean), `${algorithm}: the unlearned model depends on T's labels`);
      assert.deepEqual(withT.stepsUntilForgotten, clean.stepsUntilForgotten, `${algorithm}: the stopping point depends on T's labels`);
      const forget = (r: typeof clean) => Array.from(split.forgetIdx, (i) => r.evaluation.pTrue[i]);
      if (forget(withV).some((p, k) => p !== forget(clean)[k])) validationMattered++;
    }
  } finally {
    [original, data, testScrambled, validationScrambled].forEach((x) => x.dispose());
  }
  // The check above could pass by accident if the rewind chose nothing; V's labels do steer it.
  assert.ok(validationMattered >= 3, `scrambling V changed the chosen checkpoint of ${validationMattered} of 5 algorithms`);
});
