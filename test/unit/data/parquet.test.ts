import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { detectFormat, loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { writeNumericParquet, writeParquet } from '../../helpers/parquetFiles';
import { toDelimited, wineTable } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();

test('Parquet in several row groups (snappy, gzip, zstd pages) reads like the CSV of the same data', async () => {
  const csv = await loadDataset(writeFile(dir, 'wine.csv', toDelimited(wineTable())));
  for (const codec of ['SNAPPY', 'GZIP', 'ZSTD', 'UNCOMPRESSED']) {
    const file = path.join(dir, `wine-${codec}.parquet`);
    await writeNumericParquet(file, wineTable(), 50, codec);
    assert.equal(detectFormat(file), 'parquet');
    const { dataset } = await loadDataset(file);
    assert.equal(dataset.format, 'parquet');
    assert.deepEqual(dataset.X, csv.dataset.X, codec);
    assert.deepEqual(dataset.classes, csv.dataset.classes);
    assert.deepEqual(dataset.reading?.notes, ['4 row group(s)']);
    assert.equal(dataset.sources[0].line, undefined);
  }
  const limited = await loadDataset(path.join(dir, 'wine-SNAPPY.parquet'), { limit: 70 });
  assert.equal(limited.dataset.ids.length, 70);
});

test('Parquet list columns follow the JSONL array rule; nulls are missing; INT64 is numeric', async () => {
  const n = 60;
  const file = path.join(dir, 'lists.parquet');
  await writeParquet(file, {
    rowGroupSize: 25,
    schema: [
      { name: 'root', num_children: 5 },
      { name: 'x', type: 'DOUBLE', repetition_type: 'OPTIONAL' },
      { name: 'tags', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' },
      { name: 'vec', repetition_type: 'OPTIONAL', converted_type: 'LIST', num_children: 1 },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      { name: 'element', type: 'FLOAT', repetition_type: 'OPTIONAL' },
      { name: 'big', type: 'INT64', repetition_type: 'REQUIRED' },
      { name: 'label', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
    ],
    columnData: [
      { name: 'x', data: Array.from({ length: n }, (_, i) => (i === 3 ? null : i / 2)) },
      { name: 'tags', data: Array.from({ length: n }, (_, i) => (i % 3 === 0 ? [] : i % 3 === 1 ? ['a'] : ['a', 'b'])) },
      { name: 'vec', data: Array.from({ length: n }, (_, i) => [i, 1, -i]) },
      { name: 'big', data: Array.from({ length: n }, (_, i) => BigInt(i * 1000)) },
      { name: 'label', data: Array.from({ length: n }, (_, i) => (i % 2 ? 'odd' : 'even')) },
    ],
  });
  const { dataset } = await loadDataset(file);
  assert.deepEqual(dataset.columns.map((c) => [c.name, c.kind, c.width]), [['x', 'numeric', 1], ['tags', 'bag', 2], ['vec', 'array', 3], ['big', 'numeric', 1]]);
  assert.equal(dataset.columns[0].missing, 1);
  const tags = (i: number) => Array.from(dataset.X.subarray(i * dataset.numFeatures + 1, i * dataset.numFeatures + 3));
  assert.deepEqual([tags(0), tags(1), tags(2)], [[0, 0], [1, 0], [1, 1]]);
});

test('a struct column is refused by name, with how to flatten it', async () => {
  const file = path.join(dir, 'struct.parquet');
  await writeParquet(file, {
    schema: [
      { name: 'root', num_children: 2 },
      { name: 'meta', repetition_type: 'OPTIONAL', num_children: 2 },
      { name: 'a', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: 'b', type: 'INT32', repetition_type: 'OPTIONAL' },
      { name: 'label', type: 'INT32', repetition_type: 'REQUIRED' },
    ],
    columnData: [
      { name: 'meta', data: [{ a: 1, b: 2 }, { a: 3, b: 4 }] },
      { name: 'label', data: [0, 1] },
    ],
  });
  await assert.rejects(loadDataset(file), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /struct\.parquet \(column "meta"\): column "meta" is a struct \(fields a, b\).*flatten/);
    return true;
  });
});

test('a file that is not Parquet is an InputError naming it', async () => {
  const file = writeFile(dir, 'fake.parquet', 'a,b\n1,2\n');
  await assert.rejects(loadDataset(file), (err: unknown) => err instanceof InputError && err.message.startsWith(`${file}: not a readable Parquet file`));
});
