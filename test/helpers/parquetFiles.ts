import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { readDigits } from './digits';
import { FASHION } from './fashionCsv';
import { Table } from './sklearnTables';

/** Page compressors for the writer (snappy is built in); zstd through Debian's zstd command. */
const COMPRESSORS = {
  GZIP: (input: Uint8Array) => new Uint8Array(zlib.gzipSync(input)),
  ZSTD: (input: Uint8Array) => {
    const run = spawnSync('zstd', ['-q', '-c'], { input });
    if (run.status !== 0) throw new Error(`zstd (Debian package zstd) is needed to build the test file: ${run.stderr}`);
    return new Uint8Array(run.stdout);
  },
};

/** Write a Parquet file with hyparquet-writer (an ES module, hence the dynamic import). */
export async function writeParquet(filename: string, options: { schema?: object[]; columnData: object[]; rowGroupSize?: number; codec?: string }): Promise<void> {
  const { parquetWriteFile } = await import('hyparquet-writer');
  parquetWriteFile({ filename, compressors: COMPRESSORS, ...options } as never);
}

/** A numeric table as DOUBLE feature columns and an INT32 label. */
export async function writeNumericParquet(filename: string, table: Table, rowGroupSize: number, codec = 'SNAPPY'): Promise<void> {
  const columnData = table.header.map((name, c) =>
    c === table.header.length - 1
      ? { name, data: table.rows.map((r) => Number(r[c])), type: 'INT32' }
      : { name, data: table.rows.map((r) => Number(r[c])), type: 'DOUBLE' },
  );
  await writeParquet(filename, { columnData, rowGroupSize, codec });
}

/** The first `count` Fashion-MNIST training images as the bench's Parquet: INT32 label, pixel1..pixel784. */
export async function writeFashionParquet(file: string, count: number, rowGroupSize: number): Promise<void> {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-labels-idx1-ubyte.gz')));
  const columnData = [{ name: 'label', data: Int32Array.from(labels.subarray(8, 8 + count)), type: 'INT32' }];
  for (let j = 0; j < 784; j++) columnData.push({ name: `pixel${j + 1}`, data: Int32Array.from({ length: count }, (_, i) => images[16 + i * 784 + j]), type: 'INT32' });
  await writeParquet(file, { columnData, rowGroupSize });
}

/** A copy of `file` with the values of one column chunk (row group `group`, column `column`) overwritten, past its page header. */
export async function damagedChunkCopy(file: string, out: string, group: number, column: number): Promise<string> {
  const { parquetMetadata } = await import('hyparquet');
  const bytes = fs.readFileSync(file);
  const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)).row_groups[group].columns[column].meta_data!;
  const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
  bytes.fill(0xff, start + 12, start + Number(meta.total_compressed_size));
  fs.writeFileSync(out, bytes);
  return out;
}

/**
 * scikit-learn's digits as DOUBLE columns with an id column and string labels, and a few odd cells
 * after the first 1000 rows (the kinds are decided) and within them: nulls, a NaN, two infinities.
 */
export async function writeOddDigitsParquet(file: string, rowGroupSize: number): Promise<{ nulls: number }> {
  const rows = readDigits();
  const value = (i: number, j: number): number | null => {
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
  await writeParquet(file, { columnData, rowGroupSize });
  return { nulls: rows.filter((_, i) => i % 97 === 3).length };
}
