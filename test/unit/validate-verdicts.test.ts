import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agreementVerdict, bothConditions, combineVerdicts, copiesVerdict, difficultyVerdict, majorityVerdict, proxyVerdict } from '../../validate/verdicts';

test('validation rules: thresholds as written in docs/VALIDATION.md', () => {
  assert.equal(proxyVerdict(-0.3), 'held');
  assert.equal(proxyVerdict(-0.29), 'partly');
  assert.equal(proxyVerdict(0), 'did not hold');
  assert.equal(proxyVerdict(NaN), 'did not hold');
  assert.equal(bothConditions(true, true), 'held');
  assert.equal(bothConditions(false, true), 'partly');
  assert.equal(bothConditions(false, false), 'did not hold');
  assert.equal(majorityVerdict(4, 7), 'held');
  assert.equal(majorityVerdict(2, 4), 'partly');
  assert.equal(majorityVerdict(0, 7), 'did not hold');
  assert.equal(copiesVerdict(0.8, 0.3), 'held');
  assert.equal(copiesVerdict(0.7, 0.1), 'partly');
  assert.equal(copiesVerdict(0.9, 0.75), 'did not hold');
  assert.equal(agreementVerdict(0.9, 1), 'not testable');
  assert.equal(agreementVerdict(0.5, 2), 'held');
  assert.equal(agreementVerdict(0.1, 5), 'did not hold');
  assert.equal(difficultyVerdict([0.3, 0.4, -0.2]), 'held');
  assert.equal(difficultyVerdict([0.1, 0.2, 0.5]), 'partly');
  assert.equal(difficultyVerdict([0.5, -0.1, NaN]), 'did not hold');
  assert.equal(combineVerdicts(['held', 'not testable', 'held']), 'held');
  assert.equal(combineVerdicts(['held', 'did not hold']), 'partly');
  assert.equal(combineVerdicts(['did not hold', 'did not hold']), 'did not hold');
  assert.equal(combineVerdicts(['not testable']), 'not testable');
});
