import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const jsonl = (rows: object[]) => rows.map((r) => JSON.stringify(r)).join('\n') + '\n';

test('tags: [] on the first line and ["a"] on the next is a bag of values, one 0/1 feature per tag', async () => {
  const file = writeFile(dir, 'tags.jsonl', jsonl([
    { tags: [], x: 1, label: 'p' },
    { tags: ['a'], x: 2, label: 'q' },
    { tags: ['a', 'b', 'a'], x: 3, label: 'p' },
    { tags: ['c'], x: 4, label: 'q' },
  ]));
  const { dataset } = await loadDataset(file);
  const tags = dataset.columns.find((c) => c.name === 'tags')!;
  assert.deepEqual([tags.kind, tags.width, tags.note], ['bag', 3, 'arrays of 0 to 3 values: bag of values']);
  const row = (i: number) => Array.from(dataset.X.subarray(i * dataset.numFeatures, i * dataset.numFeatures + 3));
  assert.deepEqual([row(0), row(1), row(2), row(3)], [[0, 0, 0], [1, 0, 0], [1, 1, 0], [0, 0, 1]]);
});

test('a field that is a number on some lines and a string on others is categorical, and the report says why', async () => {
  const rows = Array.from({ length: 30 }, (_, i) => ({ size: i % 5 === 0 ? 'large' : i % 3, n: i, label: i % 2 }));
  const { dataset } = await loadDataset(writeFile(dir, 'mixed.jsonl', jsonl(rows)));
  const byName = Object.fromEntries(dataset.columns.map((c) => [c.name, c]));
  assert.equal(byName.size.kind, 'categorical');
  assert.equal(byName.size.note, 'mixed number and string values: categorical');
  assert.equal(byName.size.width, 4); // large, 1, 2, 0 (as text)
  assert.equal(byName.n.kind, 'numeric');
  assert.equal(byName.n.note, undefined);
});

test('equal-length number arrays stay a vector; a later line of another length is an error naming line and field', async () => {
  const ok = await loadDataset(writeFile(dir, 'vec.jsonl', jsonl([{ v: [1, 2], label: 'a' }, { v: [3, 4], label: 'b' }])));
  assert.deepEqual(ok.dataset.columns.map((c) => [c.kind, c.width]), [['array', 2]]);
  const rows = Array.from({ length: 1005 }, (_, i) => ({ v: i === 1003 ? [1] : [i, 1], label: i % 2 }));
  const file = writeFile(dir, 'vec-bad.jsonl', jsonl(rows));
  await assert.rejects(loadDataset(file), (err: unknown) => err instanceof InputError && err.message.includes(`${file}:1004 (column "v"): field "v" must be an array of 2 numbers`));
});

test('arrays of strings, nested objects and null are bags; null and a missing key are missing', async () => {
  const file = writeFile(dir, 'nested.jsonl', jsonl([
    { words: ['x', 'y'], meta: { a: 1 }, label: 'p' },
    { words: ['y', 'y'], meta: { a: 2 }, label: 'q' },
    { words: null, meta: { a: 1 }, label: 'p' },
    { meta: { a: 2 }, label: 'q' },
  ]));
  const { dataset } = await loadDataset(file);
  const byName = Object.fromEntries(dataset.columns.map((c) => [c.name, c]));
  assert.deepEqual([byName.words.kind, byName.words.width, byName.words.missing], ['bag', 2, 2]);
  assert.equal(byName.meta.kind, 'categorical');
});
