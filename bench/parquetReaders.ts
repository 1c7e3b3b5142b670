// Parquet readers side by side on the bench's Fashion-MNIST Parquet file (issue 15's reading-speed
// target): hyparquet's decoding alone, parquet-wasm's decoding (to Arrow IPC, then apache-arrow
// typed arrays), and ForgetLens's whole loadDataset. Each in a process of its own, peak memory from
// GNU time. parquet-wasm is not a dependency; install it for this run only:
//   npm install --no-save parquet-wasm apache-arrow && node --import tsx bench/parquetReaders.ts [file]
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { writeFashionParquet } from './fashionTables';
import { table } from './format';

type Mode = 'hyparquet' | 'parquet-wasm' | 'loadDataset';

const LABELS: Record<Mode, string> = {
  hyparquet: 'hyparquet 1.33 decoding only (onChunk, one row group at a time)',
  'parquet-wasm': 'parquet-wasm 0.8 decoding only (one row group at a time, IPC to apache-arrow typed arrays)',
  loadDataset: 'ForgetLens loadDataset today (hyparquet + table builder + encoder + sha256)',
};

/** Decode every column of every row group; returns the number of values seen. */
async function decodeHyparquet(file: string): Promise<number> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const buffer = await asyncBufferFromFile(file);
  const metadata = await parquetMetadataAsync(buffer);
  let values = 0;
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const onChunk = (chunk: { columnData: ArrayLike<unknown> }) => (values += chunk.columnData.length);
    await parquetRead({ file: buffer, metadata, rowStart, rowEnd, compressors, onChunk } as never);
    rowStart = rowEnd;
  }
  return values;
}

// parquet-wasm and apache-arrow are not dependencies: imported through a string parameter, which
// the type checker does not resolve, and typed by the little used here, so `tsc` passes without them.
interface ParquetWasm {
  ParquetFile: {
    fromFile(blob: Blob): Promise<{
      metadata(): { numRowGroups(): number; rowGroup(index: number): { numRows(): number } };
      read(options: { rowGroups: number[]; batchSize: number }): Promise<{ intoIPCStream(): Uint8Array }>;
    }>;
  };
}
interface ApacheArrow {
  tableFromIPC(bytes: Uint8Array): { numCols: number; getChildAt(index: number): { toArray(): ArrayLike<unknown> } | null };
}

async function optional<T>(name: string): Promise<T> {
  try {
    return (await import(name)) as T;
  } catch {
    throw new Error(`${name} is not installed: npm install --no-save parquet-wasm apache-arrow`);
  }
}

async function decodeParquetWasm(file: string): Promise<number> {
  const wasm = await optional<ParquetWasm>('parquet-wasm');
  const arrow = await optional<ApacheArrow>('apache-arrow');
  // A Blob reads only the byte ranges of the row group asked for, not the whole file per call.
  const parquet = await wasm.ParquetFile.fromFile(await fs.openAsBlob(file));
  const metadata = parquet.metadata();
  let values = 0;
  for (let g = 0; g < metadata.numRowGroups(); g++) {
    // One batch per row group: a larger batchSize measured slower (2.7 against 1.7 CPU s).
    const batch = await parquet.read({ rowGroups: [g], batchSize: metadata.rowGroup(g).numRows() });
    const columns = arrow.tableFromIPC(batch.intoIPCStream());
    for (let c = 0; c < columns.numCols; c++) values += columns.getChildAt(c)!.toArray().length;
  }
  return values;
}

async function load(file: string): Promise<number> {
  const { dataset } = await loadDataset(file);
  return dataset.ids.length * dataset.numFeatures;
}

async function child(mode: Mode, file: string): Promise<void> {
  const run = { hyparquet: decodeHyparquet, 'parquet-wasm': decodeParquetWasm, loadDataset: load }[mode];
  const started = performance.now();
  const cpu = process.cpuUsage();
  const values = await run(file);
  const used = process.cpuUsage(cpu);
  console.log(JSON.stringify({ values, seconds: (performance.now() - started) / 1000, cpuSeconds: (used.user + used.system) / 1e6 }));
}

function measure(mode: Mode, file: string): string[] {
  const args = ['--import', 'tsx', __filename, '--child', mode, file];
  const result = spawnSync('/usr/bin/time', ['-f', 'GNU_TIME %M', process.execPath, ...args], { cwd: path.join(__dirname, '..'), encoding: 'utf8' });
  if (result.status !== 0) return [LABELS[mode], '–', '–', '–', '–', '–', `failed: ${result.stderr.trim().split('\n').find((l) => /Error/.test(l)) ?? result.status}`];
  const out = JSON.parse(result.stdout.trim().split('\n').pop()!) as { values: number; seconds: number; cpuSeconds: number };
  const mb = fs.statSync(file).size / 1e6;
  const rss = Number(/GNU_TIME (\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024;
  return [LABELS[mode], String(out.values), out.seconds.toFixed(2), (mb / out.seconds).toFixed(1), out.cpuSeconds.toFixed(2), (mb / out.cpuSeconds).toFixed(1), rss.toFixed(0)];
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child') return child(argv[1] as Mode, argv[2]);
  const file = argv[0] ?? path.join(os.tmpdir(), 'forgetlens-fashion-mnist_train.parquet');
  if (!fs.existsSync(file)) await writeFashionParquet(file);
  const rows = (['hyparquet', 'parquet-wasm', 'loadDataset'] as Mode[]).map((mode) => measure(mode, file));
  console.log(`${path.basename(file)}: ${(fs.statSync(file).size / 1e6).toFixed(1)} MB; load average (1 min) ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores\n`);
  console.log(table(['reader', 'values', 'seconds', 'MB/s', 'CPU s', 'MB per CPU s', 'peak MB'], rows));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
