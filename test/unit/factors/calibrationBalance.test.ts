import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitMonotoneLogistic, predictMonotoneLogistic } from '../../../src/core/factors/calibration/monotoneLogistic';
import { createRandom } from '../../../src/core/util/random';
import { balancedWeights, priorLogit } from '../../../calibrate/balance';
import { fitDirected } from '../../../calibrate/model';

function generate(n: number, seed: number, intercept: number): { x: number[][]; y: number[] } {
  const random = createRandom(seed);
  const x = Array.from({ length: n }, () => [random() * 2 - 1]);
  const y = x.map(([v]) => (random() < 1 / (1 + Math.exp(-(intercept + 2 * v))) ? 1 : 0));
  return { x, y };
}

test('a row of weight 2 counts as the same row twice', () => {
  const { x, y } = generate(400, 1, -0.5);
  const weights = x.map((_, i) => (i % 3 === 0 ? 2 : 1));
  const weighted = fitMonotoneLogistic(['v'], x, y, { signs: [1], l2: 0, iterations: 3000, weights });
  const doubledX = x.flatMap((r, i) => (weights[i] === 2 ? [r, r] : [r]));
  const doubledY = y.flatMap((t, i) => (weights[i] === 2 ? [t, t] : [t]));
  const doubled = fitMonotoneLogistic(['v'], doubledX, doubledY, { signs: [1], l2: 0, iterations: 3000 });
  for (const v of [-0.8, 0, 0.8]) assert.ok(Math.abs(predictMonotoneLogistic(weighted, [v]) - predictMonotoneLogistic(doubled, [v])) < 0.01, `at ${v}`);
  assert.throws(() => fitMonotoneLogistic(['v'], x, y, { signs: [1], weights: weights.slice(1) }), /400 rows but 399 weights/);
  assert.throws(() => fitMonotoneLogistic(['v'], x, y, { signs: [1], weights: weights.map(() => 0) }), /weights sum to 0/);
});

test('balanced weights: each dataset weighs 1, each outcome within it one half', () => {
  const groups = ['a', 'a', 'a', 'a', 'b', 'b', 'c', 'c'];
  const targets = [1, 0, 0, 0, 1, 0, 0, 0];
  const w = balancedWeights(groups, targets);
  const sum = (pick: (i: number) => boolean) => w.reduce((s, v, i) => s + (pick(i) ? v : 0), 0);
  for (const g of ['a', 'b', 'c']) assert.ok(Math.abs(sum((i) => groups[i] === g) - 1) < 1e-12, g);
  assert.ok(Math.abs(sum((i) => groups[i] === 'a' && targets[i] === 1) - 0.5) < 1e-12);
  // c has no event: it cannot be balanced, its rows share its weight.
  assert.deepEqual([w[6], w[7]], [0.5, 0.5]);
  assert.throws(() => balancedWeights(['a'], [1, 0]), /1 groups but 2 targets/);
  assert.throws(() => priorLogit(0), /not in \(0, 1\)/);
});

test('a balanced fit’s level does not follow how many rows each dataset brings', () => {
  // Two datasets with the same slope and base rates near 5 % and 40 %: unweighted, the level follows the mix.
  const rare = generate(600, 2, -3.2);
  const common = generate(200, 3, -0.4);
  const rows = [...rare.x, ...common.x].map(([v]) => ({ v }));
  const targets = [...rare.y, ...common.y];
  const by = [...rare.x.map(() => 'rare'), ...common.x.map(() => 'common')];
  const balanced = fitDirected(['v'], rows, targets, { by, prior: 0.06 });
  const moreRare = fitDirected(['v'], [...rows, ...rows.slice(0, 600)], [...targets, ...targets.slice(0, 600)], { by: [...by, ...by.slice(0, 600)], prior: 0.06 });
  const at0 = (m: typeof balanced) => 1 / (1 + Math.exp(-(m.intercept - (m.coefficients[0] * m.centre[0]) / m.scale[0])));
  // Doubling the rare dataset's rows changes nothing once every dataset weighs the same.
  assert.ok(Math.abs(at0(balanced) - at0(moreRare)) < 0.005, `${at0(balanced)} vs ${at0(moreRare)}`);
  const unweighted = fitDirected(['v'], rows, targets);
  const unweightedMoreRare = fitDirected(['v'], [...rows, ...rows.slice(0, 600)], [...targets, ...targets.slice(0, 600)]);
  assert.ok(at0(unweightedMoreRare) < at0(unweighted) - 0.01, `unweighted: ${at0(unweighted)} → ${at0(unweightedMoreRare)}`);
});
