// The dense numeric Parquet path (column chunks decoded straight into the feature block) against the
// general one (hyparquet's row assembly): the same table and encoded dataset, byte for byte, on real data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { encodeTable } from '../../../src/core/data/encode';
import { readParquet } from '../../../src/core/data/parquet';
import { InputError } from '../../../src/core/errors';
import { readDigits } from '../../helpers/digits';
import { writeParquet } from '../../helpers/parquetFiles';
import { tempDir } from '../../helpers/tempFiles';
import { valuesKey } from '../../helpers/valuesKey';

const dir = tempDir();
const FASHION = '/usr/share/datasets/fashion-mnist';

/** The first `count` Fashion-MNIST training images as the bench's Parquet: INT32 label, pixel1..pixel784. */
async function writeFashionParquet(file: string, count: number, rowGroupSize: number): Promise<void> {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-labels-idx1-ubyte.gz')));
  const columnData = [{ name: 'label', data: Int32Array.from(labels.subarray(8, 8 + count)), type: 'INT32' }];
  for (let j = 0; j < 784; j++) columnData.push({ name: `pixel${j + 1}`, data: Int32Array.from({ length: count }, (_, i) => images[16 + i * 784 + j]), type: 'INT32' });
  await writeParquet(file, { columnData, rowGroupSize });
}

/** Everything the reader and encoder produce, typed arrays by their type and bytes. */
function everything(result: Awaited<ReturnType<typeof readParquet>>): unknown {
  const { X, y, ...rest } = encodeTable(result.table);
  const { columns, ...table } = result.table;
  return { X: valuesKey(X), y: valuesKey(y), ...rest, ...table, columns: columns.map((c) => ({ ...c, values: 'values' in c ? valuesKey(c.values) : undefined })), reading: result.reading };
}


async function assertSameBothWays(file: string, limit?: number): Promise<Awaited<ReturnType<typeof readParquet>>> {
  const dense = await readParquet(file, { limit });
  const general = await readParquet(file, { limit, generalPath: true });
  assert.deepEqual(everything(dense), everything(general));
  return dense;
}

test('Fashion-MNIST Parquet (dictionary pages, several row groups): the dense path gives the general path\'s dataset byte for byte', async () => {
  const file = path.join(dir, 'fashion.parquet');
  await writeFashionParquet(file, 1500, 600);
  const { table } = await assertSameBothWays(file);
  assert.equal(table.ids.length, 1500);
  assert.equal(new Set(table.contentHashes).size, 1500);
  const limited = await assertSameBothWays(file, 1100);
  assert.equal(limited.table.ids.length, 1100);
});

test('digits as DOUBLE columns with an id column, nulls, NaN and infinities: the same dataset both ways', async () => {
  const rows = readDigits();
  const value = (i: number, j: number): number | null => {
    // A few odd cells, after the first 1000 rows (the kinds are decided) and within them.
    if (j === 5 && i % 97 === 3) return null;
    if (j === 9 && i === 1500) return Number.NaN;
    if (j === 20 && (i === 10 || i === 1200)) return Number.POSITIVE_INFINITY;
    return rows[i].pixels[j];
  };
  const columnData = [
    { name: 'id', data: rows.map((r) => r.id), type: 'STRING' },
    ...Array.from({ length: 64 }, (_, j) => ({ name: `p${j}`, data: rows.map((_, i) => value(i, j)), type: 'DOUBLE' })),
    { name: 'label', data: rows.map((r) => String(r.label)), type: 'STRING' },
  ];
  const file = path.join(dir, 'digits.parquet');
  await writeParquet(file, { columnData, rowGroupSize: 600 });
  const { table, reading } = await assertSameBothWays(file);
  assert.equal(table.idColumn, 'id');
  assert.equal(table.ids[0], rows[0].id);
  assert.equal(reading.infiniteValues, 2);
  const p5 = table.columns.find((c) => c.name === 'p5')!;
  assert.equal(p5.missing, rows.filter((_, i) => i % 97 === 3).length);
});

test('a string feature column with nulls takes the general path, with the same result as forcing it', async () => {
  const rows = readDigits().slice(0, 400);
  const file = path.join(dir, 'mixed.parquet');
  await writeParquet(file, {
    columnData: [
      { name: 'p0', data: rows.map((r) => r.pixels[10]), type: 'DOUBLE' },
      { name: 'shade', data: rows.map((r, i) => (i % 7 === 0 ? null : r.pixels[20] > 8 ? 'dark' : 'light')), type: 'STRING' },
      { name: 'label', data: rows.map((r) => r.label), type: 'INT32' },
    ],
    rowGroupSize: 150,
  });
  const { table } = await assertSameBothWays(file);
  assert.deepEqual(table.columns.map((c) => [c.name, c.kind]), [['p0', 'numeric'], ['shade', 'categorical'], ['label', 'dropped']]);
  assert.equal(table.columns[1].missing, rows.filter((_, i) => i % 7 === 0).length);
});

test('a damaged column chunk is an error naming the file, the rows and the column', async () => {
  const file = path.join(dir, 'damaged.parquet');
  await writeFashionParquet(file, 300, 300);
  const { parquetMetadata } = await import('hyparquet');
  const bytes = fs.readFileSync(file);
  const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).row_groups[0].columns[400].meta_data!;
  // Past the page header: the page's compressed values.
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  bytes.fill(0xff, start + 12, start + Number(meta.total_compressed_size));
  const damaged = path.join(dir, 'damaged-bytes.parquet');
  fs.writeFileSync(damaged, bytes);
  await assert.rejects(readParquet(damaged, {}), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, /damaged-bytes\.parquet \(column "pixel400"\): cannot read Parquet rows 1-300/);
    return true;
  });
});
