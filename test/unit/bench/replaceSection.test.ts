import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replaceSection } from '../../../bench/replaceSection';

const doc = '# B\n\n## One\n\nold one\n\n## Two\n\ntwo\n\n## Reading\n\nnotes\n';

test('a section run alone replaces its own section and nothing else', () => {
  const out = replaceSection(doc, '## Two\n\nnew two\n', '## Reading');
  assert.equal(out, '# B\n\n## One\n\nold one\n\n## Two\n\nnew two\n\n## Reading\n\nnotes\n');
});

test('a section the doc does not have yet goes before the named heading, or at the end', () => {
  assert.equal(replaceSection(doc, '## New\n\nx', '## Reading'), '# B\n\n## One\n\nold one\n\n## Two\n\ntwo\n\n## New\n\nx\n\n## Reading\n\nnotes\n');
  assert.equal(replaceSection('# B\n', '## New\n\nx', '## Reading'), '# B\n\n## New\n\nx\n');
});

test('the last section is replaced up to the end of the doc', () => {
  assert.equal(replaceSection(doc, '## Reading\n\nnew notes', '## None'), '# B\n\n## One\n\nold one\n\n## Two\n\ntwo\n\n## Reading\n\nnew notes\n');
});
