import { test } from 'node:test';
import assert from 'node:assert/strict';
import { forgetTarget } from '../../../src/core/unlearn/forgetTarget';
import { auditEvidence } from '../../../src/core/forget/auditEvidence';

test('the forget target: held-out correctness where the audit held a sample out, correctness minus memorization (clipped) where it trained on it, test accuracy otherwise', () => {
  const evidence = {
    memorization: Float32Array.from([0.9, 0.2, NaN, NaN, 0.5]),
    heldOutCorrect: Float32Array.from([NaN, NaN, 0, NaN, NaN]),
  };
  const target = forgetTarget(Int32Array.from([0, 1, 2, 3, 4]), [true, true, true, true, false], 0.8, evidence);
  // 1−0.9, 1−0.2, held out and wrong, no evidence (test accuracy), 0−0.5 clipped to 0.
  assert.ok(Math.abs(target.accuracy - (0.1 + 0.8 + 0 + 0.8 + 0) / 5) < 1e-6);
  assert.deepEqual([target.fromAudit, target.total], [4, 5]);
  const without = forgetTarget(Int32Array.from([0, 1]), [true, false], 0.8, undefined);
  assert.deepEqual([without.accuracy, without.fromAudit], [0.8, 0]);
});

test('the audit evidence: memorization for the samples it trained on, its model\'s correctness for those it held out, by dataset index', () => {
  const sample = (id: string, split: 'train' | 'test', label: string, predictedLabel: string, memorization: number | null) =>
    ({ id, split, label, factors: { predictedLabel, memorization } }) as never;
  const evidence = auditEvidence({ samples: [sample('b', 'test', 'x', 'y', null), sample('a', 'train', 'x', 'x', 0.3), sample('c', 'test', 'x', 'x', null)] }, ['a', 'b', 'c', 'd']);
  assert.deepEqual(Array.from(evidence.memorization, (v) => (Number.isNaN(v) ? null : Math.round(v * 100) / 100)), [0.3, null, null, null]);
  assert.deepEqual(Array.from(evidence.heldOutCorrect, (v) => (Number.isNaN(v) ? null : v)), [null, 0, 1, null]);
});
