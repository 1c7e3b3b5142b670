import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DifficultyInputs, scoreDifficulty } from '../../../src/core/factors/difficulty';

const typical: DifficultyInputs = {
  memorization: 0,
  similarCount: 0,
  similarCountCapped: false,
  exactDuplicates: 0,
  entanglement: 0.05,
  entanglementKnnShare: 0,
  labelDisagreement: 0,
  fractionCorrect: 1,
  forgettingEvents: 0,
  heldOut: false,
};

test('a typical sample is easy and says so', () => {
  const d = scoreDifficulty(typical);
  assert.ok(d.difficulty < 0.1, `difficulty ${d.difficulty}`);
  assert.match(d.reasons[0], /no strong factor/);
});

test('a memorized sample is hard and the reason names memorization first', () => {
  const d = scoreDifficulty({ ...typical, memorization: 0.9, fractionCorrect: 0.3 });
  assert.ok(d.difficulty > 0.75, `difficulty ${d.difficulty}`);
  assert.match(d.reasons[0], /^memorized \(0\.90\)/);
  assert.ok(d.reasons.length <= 3);
});

test('near-duplicates left behind raise difficulty with their number and are described', () => {
  const one = scoreDifficulty({ ...typical, similarCount: 1 });
  const seven = scoreDifficulty({ ...typical, similarCount: 7, exactDuplicates: 2 });
  assert.ok(seven.difficulty > one.difficulty && one.difficulty > scoreDifficulty(typical).difficulty);
  assert.equal(seven.reasons[0], '7 near-duplicates (2 exact copies) would remain: deleting it alone leaves its influence in the model');
});

test('difficulty stays within [0,1] with every factor at its maximum', () => {
  const d = scoreDifficulty({
    ...typical,
    memorization: 1,
    similarCount: 50,
    entanglement: 1,
    entanglementKnnShare: 1,
    labelDisagreement: 1,
    fractionCorrect: 0,
    forgettingEvents: 9,
  });
  assert.ok(d.difficulty > 0.99 && d.difficulty <= 1);
  assert.equal(d.reasons.length, 3);
});

test('a held-out sample says the model never saw it', () => {
  const d = scoreDifficulty({ ...typical, memorization: null, fractionCorrect: null, forgettingEvents: null, heldOut: true });
  assert.ok(d.reasons.some((r) => r.startsWith('held out from training')));
});
