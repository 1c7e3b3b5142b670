import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { toDelimited, wineTable } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();

test('a European spreadsheet export (semicolons, decimal commas) reads like the comma CSV, and the choice is reported', async () => {
  const plain = await loadDataset(writeFile(dir, 'wine.csv', toDelimited(wineTable())));
  const european = await loadDataset(writeFile(dir, 'wine-eu.csv', toDelimited(wineTable(), ';', ',')));
  assert.deepEqual(european.dataset.X, plain.dataset.X);
  assert.equal(european.dataset.numFeatures, 13);
  assert.deepEqual(european.dataset.columns.map((c) => c.kind), Array(13).fill('numeric'));
  assert.deepEqual(
    [european.dataset.reading?.delimiter, european.dataset.reading?.decimalMark, european.dataset.reading?.delimiterSource],
    [';', ',', 'sniffed'],
  );
  assert.deepEqual([plain.dataset.reading?.delimiter, plain.dataset.reading?.decimalMark], [',', '.']);
});

test('pipe and tab delimiters are sniffed whatever the extension; a .tsv stays tab', async () => {
  const pipe = await loadDataset(writeFile(dir, 'wine-pipe.csv', toDelimited(wineTable(), '|')));
  assert.equal(pipe.dataset.reading?.delimiter, '|');
  assert.equal(pipe.dataset.numFeatures, 13);
  const tabInCsv = await loadDataset(writeFile(dir, 'wine-tab.csv', toDelimited(wineTable(), '\t')));
  assert.equal(tabInCsv.dataset.reading?.delimiter, '\t');
  assert.deepEqual(tabInCsv.dataset.X, pipe.dataset.X);
});

test('--delimiter forces the delimiter: a semicolon file read with commas has too few columns', async () => {
  const file = writeFile(dir, 'forced.csv', 'a;b;label\n1;2;x\n3;4;y\n');
  const forced = await loadDataset(file, { delimiter: ';' });
  assert.equal(forced.dataset.reading?.delimiterSource, 'forced');
  await assert.rejects(loadDataset(file, { delimiter: ',' }), (err: unknown) => err instanceof InputError && /:1: need at least two columns/.test(err.message));
});

test('quoted fields keep delimiters and decimal commas inside them as text', async () => {
  const file = writeFile(dir, 'quoted-eu.csv', 'note;x;label\n"a;b";1,5;p\n"c";2,5;q\n"d ""e""";3,5;p\n');
  const { dataset } = await loadDataset(file);
  assert.equal(dataset.reading?.decimalMark, ',');
  assert.deepEqual(dataset.columns.map((c) => [c.name, c.kind]), [['note', 'categorical'], ['x', 'numeric']]);
  assert.match(dataset.previews[0], /note=a;b, x=1\.5/);
  assert.match(dataset.previews[2], /note=d "e"/);
});
