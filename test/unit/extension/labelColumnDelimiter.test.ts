import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelChoice } from '../../../src/extension/logic/labelColumn';

test('the label picker splits a semicolon or pipe header like the reader does', () => {
  assert.deepEqual(labelChoice('id;alcohol;quality', 'csv'), { inferred: undefined, candidates: ['quality', 'alcohol'] });
  assert.equal(labelChoice('a|b|label', 'csv').inferred, 'label');
  assert.equal(labelChoice('a,b,target', 'csv').inferred, 'target');
  assert.equal(labelChoice('a\tb\tclass', 'tsv').inferred, 'class');
});
