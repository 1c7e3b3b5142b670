import { spawnSync } from 'node:child_process';
import * as zlib from 'node:zlib';
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
