import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseDataset, datasetPickItems, tabInputFile } from '../../../src/extension/logic/datasetChoice';

test('Audit Dataset takes what it was run on, then the active data file, then the active tab: never the workspace folder', () => {
  assert.deepEqual(chooseDataset({ explicit: '/ws/imgs', activeDocument: '/ws/a.csv' }), { kind: 'dataset', path: '/ws/imgs' });
  assert.deepEqual(chooseDataset({ activeDocument: '/ws/a.csv', activeTab: '/ws/b.csv' }), { kind: 'dataset', path: '/ws/a.csv' });
  // A 133 MB CSV on VS Code's "file is very large" page: no text document, the tab names the file.
  assert.deepEqual(chooseDataset({ activeTab: '/ws/fashion-mnist_train.csv' }), { kind: 'dataset', path: '/ws/fashion-mnist_train.csv' });
  assert.deepEqual(chooseDataset({ activeDocument: '/ws/notes.md', activeTab: '/ws/notes.md' }), { kind: 'ask' });
  assert.deepEqual(chooseDataset({ activeTab: '/ws/rows.JSONL' }), { kind: 'dataset', path: '/ws/rows.JSONL' });
  assert.deepEqual(chooseDataset({}), { kind: 'ask' });
});

test('the file of a tab input: any input with a file URI, nothing for webviews, terminals or other schemes', () => {
  assert.equal(tabInputFile({ uri: { scheme: 'file', fsPath: '/ws/big.csv' } }), '/ws/big.csv');
  assert.equal(tabInputFile({ uri: { scheme: 'untitled', fsPath: 'Untitled-1' } }), undefined);
  assert.equal(tabInputFile({ viewType: 'mainThreadWebview-forgetlens.results' }), undefined);
  assert.equal(tabInputFile(undefined), undefined);
  assert.equal(tabInputFile({ uri: null }), undefined);
});

test('with nothing to go on, the pick lists the workspace data files, shallowest first, then a way to choose another', () => {
  const items = datasetPickItems(['/ws/data/b.csv', '/ws/z.tsv', '/ws/notes.txt', '/ws/a.jsonl', '/ws/data/deep/c.csv', '/ws/z.tsv'], '/ws');
  assert.deepEqual(items.map((i) => [i.label, i.description, i.path]).slice(0, -1), [
    ['a.jsonl', 'a.jsonl', '/ws/a.jsonl'],
    ['z.tsv', 'z.tsv', '/ws/z.tsv'],
    ['b.csv', 'data/b.csv', '/ws/data/b.csv'],
    ['c.csv', 'data/deep/c.csv', '/ws/data/deep/c.csv'],
  ]);
  assert.equal(items.at(-1)!.path, undefined, 'the last entry opens the file dialog');
  assert.deepEqual(datasetPickItems([], '/ws').map((i) => i.path), [undefined]);
});
