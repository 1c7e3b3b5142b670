import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitMonotoneLogistic, predictMonotoneLogistic } from '../../../src/core/factors/calibration/monotoneLogistic';
import { evaluateScores } from '../../../src/core/factors/calibration/evaluation';
import { createRandom } from '../../../src/core/util/random';

// Generated data with a known monotone relation: P(y) = sigmoid(2·a − 1.5·b), c is noise.
function generate(n: number, seed: number): { x: number[][]; y: number[]; p: number[] } {
  const random = createRandom(seed);
  const x: number[][] = [];
  const y: number[] = [];
  const p: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = [random() * 2 - 1, random() * 2 - 1, random() * 2 - 1];
    const prob = 1 / (1 + Math.exp(-(2 * row[0] - 1.5 * row[1])));
    x.push(row);
    p.push(prob);
    y.push(random() < prob ? 1 : 0);
  }
  return { x, y, p };
}

test('the monotone logistic fit recovers a known relation and its directions', () => {
  const { x, y } = generate(1500, 1);
  const model = fitMonotoneLogistic(['a', 'b', 'c'], x, y, { signs: [1, -1, 1], l2: 0 });
  const raw = model.coefficients.map((w, j) => w / model.scale[j]);
  assert.ok(Math.abs(raw[0] - 2) < 0.45, `a: ${raw[0]}`);
  assert.ok(Math.abs(raw[1] + 1.5) < 0.45, `b: ${raw[1]}`);
  assert.ok(Math.abs(raw[2]) < 0.3, `c: ${raw[2]}`);
  const test = generate(800, 2);
  const brier = test.x.reduce((s, r, i) => s + (predictMonotoneLogistic(model, r) - test.p[i]) ** 2, 0) / test.x.length;
  assert.ok(brier < 0.01, `squared error to the true probability ${brier}`);
});

test('a sign constraint holds even against the data: the wrong direction gets coefficient 0', () => {
  const { x, y } = generate(800, 3);
  const model = fitMonotoneLogistic(['a', 'b', 'c'], x, y, { signs: [-1, -1, 1] });
  assert.equal(model.coefficients[0], 0);
  assert.ok(model.coefficients[1] < 0);
  // Monotone: raising a feature with sign −1 never raises the prediction.
  const row = [0.1, -0.2, 0.3];
  assert.ok(predictMonotoneLogistic(model, [0.1, 0.5, 0.3]) <= predictMonotoneLogistic(model, row));
});

test('soft targets: the fit reproduces a share, not only a probability', () => {
  const random = createRandom(4);
  const x = Array.from({ length: 600 }, () => [random()]);
  const share = x.map(([v]) => 1 / (1 + Math.exp(-(4 * v - 2))));
  const model = fitMonotoneLogistic(['v'], x, share, { signs: [1], l2: 0, iterations: 4000 });
  for (const v of [0.1, 0.5, 0.9]) assert.ok(Math.abs(predictMonotoneLogistic(model, [v]) - 1 / (1 + Math.exp(-(4 * v - 2)))) < 0.03, `at ${v}`);
});

test('bad input is refused with the row named', () => {
  assert.throws(() => fitMonotoneLogistic(['a'], [[1], [NaN]], [0, 1], { signs: [1] }), /row 1 has a non-finite value/);
  assert.throws(() => fitMonotoneLogistic(['a'], [[1]], [2], { signs: [1] }), /targets must lie in \[0,1\]/);
  assert.throws(() => fitMonotoneLogistic(['a', 'b'], [[1]], [1], { signs: [1, 1] }), /row 0 has 1 values, expected 2/);
});

test('evaluation: a perfect score has AUROC 1, a reversed one 0, and the CI resamples requests', () => {
  const rows = Array.from({ length: 40 }, (_, i) => ({ request: `r${i % 8}`, score: i / 40, target: i >= 20 ? 1 : 0, positive: i >= 20 }));
  const good = evaluateScores(rows, 200, 1);
  assert.equal(good.auroc.value, 1);
  assert.ok(good.auroc.low !== null && good.auroc.low <= 1);
  const bad = evaluateScores(rows.map((r) => ({ ...r, score: 1 - r.score })), 200, 1);
  assert.equal(bad.auroc.value, 0);
  // Brier of the perfect ranking is not 0: the scores are not calibrated probabilities.
  assert.ok(good.brier.value! > 0.05);
});

test('a constant feature gets no weight and never makes a prediction NaN', () => {
  const { x, y } = generate(300, 5);
  const withConstant = x.map((r) => [...r, 3.321928094887362]);
  const model = fitMonotoneLogistic(['a', 'b', 'c', 'size'], withConstant, y, { signs: [1, -1, 1, 1] });
  assert.equal(model.scale[3], 1);
  assert.ok(Math.abs(model.coefficients[3]) < 1e-9);
  assert.ok(Number.isFinite(predictMonotoneLogistic(model, [0, 0, 0, 10])));
});
