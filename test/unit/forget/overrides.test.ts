import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkOverrides } from '../../../src/core/unlearn/algorithms';
import { InputError } from '../../../src/core/errors';

test('hyper-parameter overrides must name parameters the algorithm has (digits in names allowed)', () => {
  assert.doesNotThrow(() => checkOverrides({ 'l1-sparse': { l1: 0.002 }, neggrad: { learningRate: 1e-4, rewind: 0 } }));
  assert.throws(
    () => checkOverrides({ finetune: { learningrate: 0.1 } }),
    (e: unknown) => e instanceof InputError && /unknown hyper-parameter finetune\.learningrate: finetune has steps, learningRate/.test(e.message),
  );
});
