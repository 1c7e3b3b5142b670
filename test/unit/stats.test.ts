import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitIsotonic, quantile, ranks, rocAuc, spearman } from '../../src/core/util/stats';

test('ranks give ties their mean rank', () => {
  assert.deepEqual(Array.from(ranks([10, 20, 20, 5])), [1, 2.5, 2.5, 0]);
});

test('spearman is 1 for a monotone relation, -1 for a reversed one, and ignores NaN pairs', () => {
  assert.equal(spearman([1, 2, 3, 4], [1, 8, 27, 64]), 1);
  assert.equal(spearman([1, 2, 3, 4], [4, 3, 2, 1]), -1);
  assert.equal(spearman([1, 2, NaN, 3, 4], [2, 4, 100, 6, 8]), 1);
});

test('rocAuc counts pairs ranked right, ties as half', () => {
  assert.equal(rocAuc([0.9, 0.8, 0.1, 0.2], [true, true, false, false]), 1);
  assert.equal(rocAuc([0.1, 0.2, 0.9, 0.8], [true, true, false, false]), 0);
  assert.equal(rocAuc([0.5, 0.5], [true, false]), 0.5);
  assert.equal(rocAuc([0.9, 0.3, 0.5, 0.1], [true, false, true, false]), 1);
  assert.equal(rocAuc([0.9, 0.6, 0.5, 0.1], [true, false, true, false]), 0.75);
});

test('quantile interpolates between order statistics', () => {
  assert.equal(quantile([4, 1, 3, 2], 0.5), 2.5);
  assert.equal(quantile([1, 2, 3], 1), 3);
});

test('isotonic regression pools violators into a non-decreasing step function', () => {
  const fit = fitIsotonic([1, 2, 3, 4], [1, 3, 2, 4]);
  assert.deepEqual([1, 2, 3, 4].map(fit), [1, 2.5, 2.5, 4]);
  assert.equal(fit(0), 1);
  assert.equal(fit(10), 4);
});
