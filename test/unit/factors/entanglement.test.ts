import { test } from 'node:test';
import assert from 'node:assert/strict';
import { entanglementScore, otherLabelShare } from '../../../src/core/factors/entanglement';

test('ES is low for separated forget/retain clusters and high for intermixed ones', () => {
  // 1-D embeddings. Separated: retain around 0, forget around 10.
  const separated = Float32Array.from([-0.1, 0, 0.1, 9.9, 10, 10.1]);
  const mixed = Float32Array.from([-1, 0.2, 1, -0.9, 0.1, 1.1]);
  const retain = [0, 1, 2];
  const forget = [3, 4, 5];
  const low = entanglementScore(separated, 1, retain, forget);
  const high = entanglementScore(mixed, 1, retain, forget);
  // spreads: 2*(0.02/3) ; separation: 0.5*(25+25) => ~0.000533
  assert.ok(Math.abs(low - (2 * (0.02 / 3)) / 25) < 1e-6, `low ES ${low}`);
  assert.ok(high > 100 * low, `intermixed ES ${high} should dwarf separated ES ${low}`);
});

test('otherLabelShare counts listed neighbours with another label, skipping empty slots', () => {
  const neighbours = { k: 3, indices: Int32Array.from([1, 2, -1, 0, 2, 3, 0, 1, 3, 0, 1, 2]), similarities: new Float32Array(12) };
  const y = Int32Array.from([0, 0, 1, 1]);
  assert.equal(otherLabelShare(neighbours, 0, y), 0.5);
  assert.equal(otherLabelShare(neighbours, 2, y), 2 / 3);
});
