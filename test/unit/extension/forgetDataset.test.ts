import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseForgetDataset } from '../../../src/extension/logic/forgetDataset';
import { statusOf } from '../../../src/extension/logic/statusText';

const digits = { datasetPath: '/ws/digits.csv', ids: new Set(Array.from({ length: 1797 }, (_, i) => `d${i}`)) };
const clothes = { datasetPath: '/ws/clothes', ids: new Set(['shirt/0.png', 'shirt/1.png', 'boot/0.png']) };
const digitsCopy = { datasetPath: '/ws/big.csv', ids: digits.ids };

test('a request of digits ids goes to the digits audit even when an image folder was audited last', () => {
  assert.deepEqual(chooseForgetDataset(['d3', 'd40', 'd1500'], [digits, clothes], clothes.datasetPath), { kind: 'match', datasetPath: '/ws/digits.csv' });
  assert.deepEqual(chooseForgetDataset(['boot/0.png'], [digits, clothes], digits.datasetPath), { kind: 'match', datasetPath: '/ws/clothes' });
});

test('two audits holding every requested id: ask, the active one first', () => {
  const choice = chooseForgetDataset(['d3', 'd40'], [digits, clothes, digitsCopy], digitsCopy.datasetPath);
  assert.deepEqual(choice, { kind: 'ask', candidates: [{ datasetPath: '/ws/big.csv', found: 2 }, { datasetPath: '/ws/digits.csv', found: 2 }] });
});

test('no audit holds every requested id: ask among all, most ids found first', () => {
  const choice = chooseForgetDataset(['d3', 'd999999', 'shirt/0.png', 'shirt/1.png'], [digits, clothes], digits.datasetPath);
  assert.deepEqual(choice, { kind: 'ask', candidates: [{ datasetPath: '/ws/clothes', found: 2 }, { datasetPath: '/ws/digits.csv', found: 1 }] });
  assert.equal(chooseForgetDataset([], [digits], digits.datasetPath).kind, 'ask', 'an empty request matches nothing by itself');
});

test('the status bar shows the forget-set audit when there is one, else the audit', () => {
  const report = { summary: { hard: 42 } };
  assert.deepEqual(statusOf({ datasetPath: '/ws/digits.csv', report, forget: null }), ['ForgetLens: 42 hard', 'Last audit: digits.csv. Click to open the results.']);
  assert.deepEqual(statusOf({ datasetPath: '/ws/digits.csv', report, forget: { summary: { ineffectiveAlone: 3, text: 'Of 8 requested samples…' } } }), ['ForgetLens: 3 ineffective-alone', 'Of 8 requested samples…']);
});
