import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { bostonTable, toDelimited } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();

test('a regression target (Boston MEDV) is refused with how to pick a class column or bin it', async () => {
  const file = writeFile(dir, 'boston.csv', toDelimited(bostonTable()));
  await assert.rejects(loadDataset(file), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /boston\.csv \(column "MEDV"\): label column "MEDV" looks continuous \(\d+ distinct numbers, not all whole\)/);
    assert.match(err.message, /--label <column>/);
    assert.match(err.message, /--bins N/);
    return true;
  });
});

test('--bins N makes N quantile classes of about equal size; a test file reuses the training edges', async () => {
  const table = bostonTable();
  const file = writeFile(dir, 'boston-train.csv', toDelimited(table));
  const { dataset, encoder } = await loadDataset(file, { bins: 4 });
  assert.equal(dataset.classes.length, 4);
  assert.deepEqual(dataset.reading?.labelBins?.bins, 4);
  const medv = table.rows.map((r) => Number(r[13])).sort((a, b) => a - b);
  assert.deepEqual(dataset.reading?.labelBins?.edges, [1, 2, 3].map((k) => medv[Math.floor((k * medv.length) / 4)]));
  const counts = dataset.classes.map((_, k) => dataset.y.filter((y) => y === k).length);
  for (const c of counts) assert.ok(Math.abs(c - 506 / 4) < 15, `class sizes ${counts}`);
  assert.match(dataset.classes[0], /^q1 \[-inf, /);
  // The test file's labels go into the training bins, even values outside the training range.
  const test = writeFile(dir, 'boston-test.csv', toDelimited({ header: table.header, rows: [table.rows[0], Object.assign([...table.rows[1]], { 13: '99' })] }));
  const held = await loadDataset(test, { encoder });
  assert.deepEqual(Array.from(held.dataset.y), [dataset.y[0], 3]);
});

test('integer class codes with many classes are not mistaken for a continuous label', async () => {
  const rows = Array.from({ length: 600 }, (_, i) => `${i % 7},${(i * 13) % 11},${i % 30}`);
  const { dataset } = await loadDataset(writeFile(dir, 'many-classes.csv', `a,b,label\n${rows.join('\n')}\n`));
  assert.equal(dataset.classes.length, 30);
});

test('NaN, Inf, -inf, NA, null and empty cells are all missing; infinite ones are counted apart', async () => {
  const spellings = ['NaN', 'Inf', '-inf', 'NA', 'null', '', 'Infinity', 'none'];
  const rows = Array.from({ length: 40 }, (_, i) => `${i < spellings.length ? spellings[i] : i},${i % 3},${i % 2 ? 'a' : 'b'}`);
  const { dataset } = await loadDataset(writeFile(dir, 'missing.csv', `x,y,label\n${rows.join('\n')}\n`));
  assert.equal(dataset.columns[0].kind, 'numeric');
  assert.equal(dataset.columns[0].missing, spellings.length);
  assert.equal(dataset.reading?.infiniteValues, 3);
  assert.equal(dataset.missingValues, spellings.length);
  for (let i = 0; i < spellings.length; i++) assert.equal(dataset.X[i * dataset.numFeatures], 0, `${spellings[i]} imputed with the mean`);
});
