import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rumOrdering, rumSteps, rumTiers, shuffledTiers } from '../../../src/core/forget/rum';

const list = (xs: Int32Array) => Array.from(xs);

test('RUM tiers follow memorization thresholds: medium is the third closest to 0.5, low and high lie below and above it', () => {
  const memorization = [0.0, 0.02, 0.05, 0.1, 0.45, 0.55, 0.6, 0.95, 0.99];
  const forget = Int32Array.from([8, 3, 0, 5, 1, 7, 2, 6, 4]);
  const [low, medium, high] = rumTiers(forget, (i) => memorization[i], 0.5);
  assert.deepEqual(list(medium), [4, 5, 6]);
  assert.deepEqual(list(low), [0, 1, 2, 3]);
  assert.deepEqual(list(high), [7, 8]);
  // Rank thirds would have put 0.1 with the medium samples and 0.6 with the high ones.
  const unmemorized = rumTiers(Int32Array.from([0, 1, 2, 3, 4, 5]), (i) => [0, 0, 0.01, 0.02, 0.03, 0.04][i], 0.5);
  assert.deepEqual(unmemorized.map((t) => t.length), [4, 2, 0], 'a forget set with no memorized sample has no high tier');
});

test('RUM unlearns tiers from low to high, each with the earlier tiers removed from the retain set; the control keeps the sizes', () => {
  const train = Int32Array.from({ length: 20 }, (_, i) => i);
  const tiers = [Int32Array.from([14, 15]), Int32Array.from([12, 13]), Int32Array.from([10, 11, 9])] as [Int32Array, Int32Array, Int32Array];
  const steps = rumSteps(tiers, train, ['none', 'finetune', 'salun']);
  assert.deepEqual(steps.map((s) => [s.algorithm, list(s.forgetIdx)]), [['finetune', [12, 13]], ['salun', [10, 11, 9]]]);
  assert.ok(![15, 14, 13, 12].some((i) => steps[0].retainIdx.includes(i)));
  assert.equal(steps[1].retainIdx.length, 13);
  const control = shuffledTiers(tiers, 0);
  assert.deepEqual(control.map((t) => t.length), [2, 2, 3]);
  assert.deepEqual(control.flatMap(list).sort((a, b) => a - b), [9, 10, 11, 12, 13, 14, 15]);
  assert.notDeepEqual(control.map(list), tiers.map(list), 'the control draws other tiers');
});

test('RUM scores by the audit memorization of the mode it ran when it covers the whole forget set, else by the confidence proxy centred on its training median', () => {
  const forget = Int32Array.from([0, 1, 2]);
  const confidence = Float32Array.from([0.2, 0.99, 0.6, 0.9, 0.95]);
  const train = Int32Array.from([0, 1, 2, 3, 4]);
  const full = rumOrdering(forget, { memorization: (i) => [0.9, 0.1, 0.5][i], mode: 'thorough' }, confidence, train);
  assert.equal(full.estimate, 'thorough');
  assert.match(full.source, /audit's thorough estimate/);
  assert.deepEqual([full.centre, ...[0, 1, 2].map(full.memorization)], [0.5, 0.9, 0.1, 0.5]);
  const partial = rumOrdering(forget, { memorization: (i) => (i === 2 ? null : [0.9, 0.1][i]), mode: 'fast' }, confidence, train);
  assert.equal(partial.estimate, 'confidence-proxy');
  // 1 − confidence over the training set: 0.8, 0.01, 0.4, 0.1, 0.05; median 0.1.
  assert.ok(Math.abs(partial.centre - 0.1) < 1e-6, `centre ${partial.centre}`);
  const [low, medium, high] = rumTiers(forget, partial.memorization, partial.centre);
  // Least confident during training = most memorized: high.
  assert.deepEqual([low, medium, high].map(list), [[], [1], [0, 2]]);
});
