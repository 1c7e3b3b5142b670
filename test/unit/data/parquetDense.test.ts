// The dense numeric Parquet path (column chunks decoded straight into the feature block) against the
// general one (hyparquet's row assembly): the same table and encoded dataset, byte for byte, on real data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { readParquet } from '../../../src/core/data/parquet';
import { InputError } from '../../../src/core/errors';
import { readDigits } from '../../helpers/digits';
import { damagedChunkCopy, writeFashionParquet, writeOddDigitsParquet, writeParquet } from '../../helpers/parquetFiles';
import { tempDir } from '../../helpers/tempFiles';
import { everything } from '../../helpers/encodedRead';

const dir = tempDir();
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
  const file = path.join(dir, 'digits.parquet');
  const { nulls } = await writeOddDigitsParquet(file, 600);
  const { table, reading } = await assertSameBothWays(file);
  assert.equal(table.idColumn, 'id');
  assert.equal(table.ids[0], readDigits()[0].id);
  assert.equal(reading.infiniteValues, 2);
  const p5 = table.columns.find((c) => c.name === 'p5')!;
  assert.equal(p5.missing, nulls);
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
  const damaged = await damagedChunkCopy(file, path.join(dir, 'damaged-bytes.parquet'), 0, 400);
  await assert.rejects(readParquet(damaged, {}), (err: unknown) => {
    assert.ok(err instanceof InputError, String(err));
    assert.match(err.message, /damaged-bytes\.parquet \(column "pixel400"\): cannot read Parquet rows 1-300/);
    return true;
  });
});
