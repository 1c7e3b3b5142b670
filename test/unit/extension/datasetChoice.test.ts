import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseDataset, tabInputFile } from '../../../src/extension/logic/datasetChoice';

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
