import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memorizationScaleOf, memorizedCountWords, percentiles } from '../../../src/core/factors/memorizationScale';

test('percentiles are mid-ranks among the known values: ties share one, null stays null', () => {
  assert.deepEqual(percentiles([0.3, null, 0.1, 0.3, 0.9]), [0.5, null, 0.125, 0.5, 0.875]);
  assert.deepEqual(percentiles([0, 0, 0, 0]), [0.5, 0.5, 0.5, 0.5], 'no value stands out when all are equal');
  assert.deepEqual(percentiles([null]), [null]);
});

test('the scale is the recorded one, else head exactly for a loaded model (older reports)', () => {
  assert.equal(memorizationScaleOf({ model: { source: 'loaded' }, diagnostics: {} }), 'head');
  assert.equal(memorizationScaleOf({ model: { source: 'trained' }, diagnostics: {} }), 'model');
  assert.equal(memorizationScaleOf({ model: { source: 'loaded' }, diagnostics: { memorizationScale: 'model' } }), 'model');
  assert.equal(memorizedCountWords(3, 'head'), '3 head-memorized');
  assert.equal(memorizedCountWords(12, 'model'), '12 memorized');
});
