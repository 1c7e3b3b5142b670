// Parquet row groups decoded by two worker threads (parallelParquet.ts) against readParquet on one
// thread: the same table and encoded dataset, byte for byte, on real data, and the same errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { sha256File } from '../../../src/core/data/hash';
import { readParquetInParallel } from '../../../src/core/data/parallelParquet';
import { readParquet } from '../../../src/core/data/parquet';
import { damagedChunkCopy, writeFashionParquet, writeOddDigitsParquet } from '../../helpers/parquetFiles';
import { sameInputError } from '../../helpers/sameRejection';
import { tempDir } from '../../helpers/tempFiles';
import { everything } from '../../helpers/encodedRead';

const dir = tempDir();
const ALWAYS = { parallelMinBytes: 0 };

async function assertParallelSame(file: string): Promise<Awaited<ReturnType<typeof readParquetInParallel>>> {
  const parallel = await readParquetInParallel(file, ALWAYS);
  assert.equal(parallel.singleThreadReason, undefined);
  assert.equal(parallel.sha256, await sha256File(file));
  const { sha256: _, ...read } = parallel;
  assert.deepEqual(everything(read), everything(await readParquet(file, {})));
  return parallel;
}

test('Fashion-MNIST Parquet (5 row groups) and digits (DOUBLE, id column, nulls, NaN, infinities in both halves): byte-identical to one thread', async () => {
  const fashion = path.join(dir, 'fashion.parquet');
  await writeFashionParquet(fashion, 2500, 500);
  assert.equal((await assertParallelSame(fashion)).table.ids.length, 2500);
  const digits = path.join(dir, 'digits.parquet');
  const { nulls } = await writeOddDigitsParquet(digits, 400);
  const { table, reading } = await assertParallelSame(digits);
  assert.equal(reading.infiniteValues, 2);
  assert.equal(table.columns.find((c) => c.name === 'p5')!.missing, nulls);
});

test('a damaged column chunk in the second half: the same error, naming the file, the rows and the column', async () => {
  const file = path.join(dir, 'fashion-damaged.parquet');
  await writeFashionParquet(file, 2000, 500);
  const damaged = await damagedChunkCopy(file, path.join(dir, 'damaged-late.parquet'), 3, 400);
  const message = await sameInputError([() => readParquetInParallel(damaged, ALWAYS), () => readParquet(damaged, {})]);
  assert.match(message, /damaged-late\.parquet \(column "pixel400"\): cannot read Parquet rows 1501-2000/);
});
