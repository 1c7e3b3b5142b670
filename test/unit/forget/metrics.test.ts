import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestThreshold, miaNonMemberShare } from '../../../src/core/metrics/mia';
import { tugOfWar, tugOfWarMia } from '../../../src/core/metrics/tow';
import { rumOrdering, rumSteps } from '../../../src/core/forget/rum';

test('ToW multiplies one minus each accuracy gap; identical to retraining is 1', () => {
  const retrained = { forget: 0.8, retain: 0.99, test: 0.95 };
  assert.equal(tugOfWar(retrained, retrained), 1);
  const tow = tugOfWar({ forget: 1, retain: 0.98, test: 0.9 }, retrained);
  assert.ok(Math.abs(tow - 0.8 * 0.99 * 0.95) < 1e-12);
  assert.ok(Math.abs(tugOfWarMia({ forget: 1, retain: 0.99, test: 0.95 }, retrained, 0.3, 0.5) - 0.8) < 1e-12);
});

test('MIA threshold separates member from non-member confidences and scores the forget set', () => {
  const members = [0.99, 0.98, 0.97, 0.95];
  const nonMembers = [0.4, 0.6, 0.7, 0.96];
  const threshold = bestThreshold(members, nonMembers);
  assert.ok(threshold > 0.7 && threshold <= 0.95, `threshold ${threshold}`);
  assert.equal(miaNonMemberShare(members, nonMembers, [0.99, 0.5, 0.3, 0.98]), 0.5);
});

test('RUM unlearns thirds from low to high memorization, each with the earlier thirds removed from the retain set', () => {
  const forget = Int32Array.from([10, 11, 12, 13, 14, 15]);
  const train = Int32Array.from({ length: 20 }, (_, i) => i);
  const memorization = (i: number) => 20 - i; // 15 is least memorized
  const steps = rumSteps(forget, train, memorization, ['none', 'finetune', 'salun'], { shuffled: false, seed: 0 });
  assert.equal(steps.length, 2);
  assert.deepEqual(Array.from(steps[0].forgetIdx), [13, 12]);
  assert.equal(steps[0].algorithm, 'finetune');
  assert.ok(![15, 14, 13, 12].some((i) => steps[0].retainIdx.includes(i)));
  assert.deepEqual(Array.from(steps[1].forgetIdx), [11, 10]);
  assert.equal(steps[1].retainIdx.length, 14);
  const control = rumSteps(forget, train, memorization, ['none', 'finetune', 'salun'], { shuffled: true, seed: 0 });
  assert.deepEqual(control.map((s) => s.forgetIdx.length), [2, 2]);
});

test('RUM ranks by the audit memorization only when it covers the whole forget set, else by 1 − training confidence for all', () => {
  const forget = Int32Array.from([0, 1, 2]);
  const confidence = Float32Array.from([0.2, 0.99, 0.6]);
  const full = rumOrdering(forget, (i) => [0.9, 0.1, 0.5][i], confidence);
  assert.match(full.source, /audit/);
  assert.deepEqual([0, 1, 2].map(full.memorization), [0.9, 0.1, 0.5]);
  const partial = rumOrdering(forget, (i) => (i === 2 ? null : [0.9, 0.1][i]), confidence);
  assert.match(partial.source, /confidence proxy/);
  // Least confident during training = most memorized: unlearned last.
  const steps = rumSteps(forget, Int32Array.from({ length: 10 }, (_, i) => i), partial.memorization, ['finetune', 'finetune', 'salun'], { shuffled: false, seed: 0 });
  assert.deepEqual(steps.map((s) => Array.from(s.forgetIdx)), [[1], [2], [0]]);
});
