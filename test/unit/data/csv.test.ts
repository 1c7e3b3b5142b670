import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();

async function rejects(content: string, pattern: RegExp, name = `bad-${Math.random().toString(36).slice(2)}.csv`, options = {}) {
  const file = writeFile(dir, name, content);
  await assert.rejects(loadDataset(file, options), (err: unknown) => {
    assert.ok(err instanceof InputError, `expected InputError, got ${String(err)}`);
    assert.ok(err.message.includes(file), `message should name the file: ${err.message}`);
    assert.match(err.message, pattern);
    return true;
  });
}

test('CSV with BOM, CRLF, quotes and an embedded newline keeps every record and its start line', async () => {
  const file = writeFile(
    dir,
    'quoted.csv',
    '\ufeffid,note,size,colour,label\r\n' +
      'a,"plain",1.5,red,yes\r\n' +
      'b,"two\r\nlines, with comma",2.5,blue,no\r\n' +
      '\r\n' +
      'c,"say ""hi""",3.5,red,yes\r\n',
  );
  const { dataset } = await loadDataset(file);
  assert.deepEqual(dataset.ids, ['a', 'b', 'c']);
  assert.deepEqual(dataset.sources.map((s) => s.line), [2, 3, 6]);
  assert.equal(dataset.idColumn, 'id');
  assert.equal(dataset.labelColumn, 'label');
  assert.deepEqual(dataset.classes, ['no', 'yes']);
  assert.deepEqual(Array.from(dataset.y), [1, 0, 1]);
  const kinds = Object.fromEntries(dataset.columns.map((c) => [c.name, c.kind]));
  assert.deepEqual(kinds, { note: 'text', size: 'numeric', colour: 'categorical' });
});

test('numeric columns are standardised, categorical one-hot encoded, missing values imputed and counted', async () => {
  const file = writeFile(dir, 'encode.csv', 'x,c,target\n1,u,p\n2,v,q\n3,,p\nNA,u,q\n');
  const { dataset } = await loadDataset(file);
  // x: mean 2, std sqrt(2/3); missing -> 0 after standardisation.
  const std = Math.sqrt(2 / 3);
  const x = [0, 1, 2, 3].map((i) => dataset.X[i * dataset.numFeatures]);
  [(1 - 2) / std, 0, (3 - 2) / std, 0].forEach((v, i) => assert.ok(Math.abs(x[i] - v) < 1e-6, `x[${i}] = ${x[i]}`));
  assert.equal(dataset.numFeatures, 1 + 3); // u, v, (missing)
  assert.equal(dataset.missingValues, 2);
  const row2 = Array.from(dataset.X.subarray(2 * 4 + 1, 2 * 4 + 4));
  assert.deepEqual(row2, [0, 0, 1]);
  assert.equal(dataset.labelColumn, 'target');
  assert.deepEqual(dataset.ids, ['1', '2', '3', '4']);
});

test('TSV, explicit label and id columns, numeric classes sorted as numbers', async () => {
  const file = writeFile(dir, 'data.tsv', 'key\tf1\tf2\tcls\nk1\t1\t2\t10\nk2\t3\t4\t2\nk3\t5\t6\t10\n');
  const { dataset } = await loadDataset(file, { label: 'cls', id: 'key' });
  assert.equal(dataset.format, 'tsv');
  assert.deepEqual(dataset.classes, ['2', '10']);
  assert.deepEqual(dataset.ids, ['k1', 'k2', 'k3']);
  assert.equal(dataset.numFeatures, 2);
});

test('free text becomes hashed n-gram features: equal texts equal vectors, different texts differ', async () => {
  const file = writeFile(
    dir,
    'text.csv',
    'text,label\n"win a free prize now, click here",spam\n"meeting moved to monday afternoon",ham\n"win a free prize now, click here",spam\n',
  );
  const { dataset } = await loadDataset(file);
  assert.equal(dataset.columns[0].kind, 'text');
  const row = (i: number) => Array.from(dataset.X.subarray(i * dataset.numFeatures, (i + 1) * dataset.numFeatures));
  assert.deepEqual(row(0), row(2));
  assert.notDeepEqual(row(0), row(1));
  assert.equal(dataset.contentHashes[0], dataset.contentHashes[2]);
  assert.notEqual(dataset.contentHashes[0], dataset.contentHashes[1]);
});

test('limit reads only the first rows', async () => {
  const file = writeFile(dir, 'limit.csv', 'a,label\n' + Array.from({ length: 50 }, (_, i) => `${i},${i % 2}`).join('\n') + '\n');
  const { dataset } = await loadDataset(file, { limit: 10 });
  assert.equal(dataset.ids.length, 10);
});

test('bad input: each problem is an InputError naming the file, line and column', async () => {
  await rejects('', /empty/);
  await rejects('a,b,label\n', /no data rows/);
  await rejects('a,b,label\n1,2,x\n3,4\n', /:3: expected 3 fields like the header, found 2/);
  const numericRows = Array.from({ length: 30 }, (_, i) => `${i},${i * 2},${i % 2 ? 'x' : 'y'}`);
  numericRows[20] = '20,oops,x';
  await rejects(`a,b,label\n${numericRows.join('\n')}\n`, /:22 \(column "b"\): value "oops" is not a number in numeric column "b"/);
  await rejects('a,label\n1,x\n2,x\n3,x\n', /only one class "x"/);
  await rejects('id,a,label\nr1,1,x\nr2,2,y\nr1,3,x\n', /duplicate id "r1" on lines 2 and 4/);
  await rejects('a,label\n1,x\n2,\n', /:3 \(column "label"\): missing label/);
  await rejects('a,b\n1,x\n', /label column "nope" is not in the header \(columns: a, b\)/, undefined, { label: 'nope' });
  await rejects('a,label\n"unterminated,x\n2,y\n', /not valid CSV/);
});

test('a value that is not a number after the first 1000 rows names its line', async () => {
  const rows = Array.from({ length: 1200 }, (_, i) => `${i},${i % 2}`);
  rows[1100] = 'seven,1';
  await rejects(`a,label\n${rows.join('\n')}\n`, /:1102 \(column "a"\): value "seven" is not a number/);
});

test('a missing file is an InputError', async () => {
  await assert.rejects(loadDataset(`${dir}/nope.csv`), (err: unknown) => err instanceof InputError && /no such file/.test(err.message));
});
