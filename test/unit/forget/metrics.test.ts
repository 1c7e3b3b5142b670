import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bestThreshold, miaNonMemberShare } from '../../../src/core/metrics/mia';
import { tugOfWar, tugOfWarMia } from '../../../src/core/metrics/tow';

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
