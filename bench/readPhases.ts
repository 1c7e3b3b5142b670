// The reading bench's two files read phase by phase on one thread, CPU seconds each: what each
// thread of the parallel readers (parallelCsv.ts, parallelParquet.ts) spends, for an estimate of
// the wall time on a quiet 2-core machine (this one is shared). Not part of `npm run bench`:
//   node --import tsx bench/readPhases.ts <fashion.csv> <fashion.parquet>
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import { TYPE_SAMPLE_ROWS } from '../src/core/data/columns';
import { readDelimited } from '../src/core/data/csv';
import { readCsvPart, CsvPartSetup } from '../src/core/data/csvPart';
import { encodeTable } from '../src/core/data/encode';
import { sha256File } from '../src/core/data/hash';
import { readShared, splitInTwo } from '../src/core/data/parallelCsv';
import { splitGroups } from '../src/core/data/parallelParquet';
import { readParquet } from '../src/core/data/parquet';
import { ParquetPartSetup, readParquetPart } from '../src/core/data/parquetPart';
import { ParsedTable, columnShell } from '../src/core/data/tableBuilder';
import { PartResult, mergeParts } from '../src/core/data/tableParts';
import { table } from './format';

type Phase = [name: string, thread: string, cpuSeconds: number];

async function cpu<T>(phases: Phase[], name: string, thread: string, run: () => T | Promise<T>): Promise<T> {
  const before = process.cpuUsage();
  const result = await run();
  const used = process.cpuUsage(before);
  phases.push([name, thread, (used.user + used.system) / 1e6]);
  return result;
}

function width(t: ParsedTable): number {
  return t.columns.filter((c) => c.kind !== 'dropped').length;
}

async function csvPhases(file: string): Promise<Phase[]> {
  const phases: Phase[] = [];
  const sample = await cpu(phases, 'first rows: sniff, parse, decide kinds', 'main', () => readDelimited(file, ',', { limit: TYPE_SAMPLE_ROWS }));
  const bytes = await cpu(phases, 'file into shared memory', 'main', () => readShared(file, fs.statSync(file).size));
  const plan = splitInTwo(bytes, width(sample.table))!;
  const setup: CsvPartSetup = { format: 'csv', file, bytes: bytes.buffer as SharedArrayBuffer, block: plan.block, delimiter: ',', decimalMark: '.', columns: sample.table.columns.map(columnShell) };
  await cpu(phases, 'sha256 of the bytes', 'main, during the parts', () => crypto.createHash('sha256').update(bytes).digest('hex'));
  const a = await cpu(phases, 'first half: parse, hash rows, store', 'worker 1', () => readCsvPart(setup, plan.jobs[0]));
  const b = await cpu(phases, 'second half: parse, hash rows, store', 'worker 2', () => readCsvPart(setup, plan.jobs[1]));
  await finish(phases, setup, plan.jobs, [a, b]);
  return phases;
}

async function parquetPhases(file: string): Promise<Phase[]> {
  const phases: Phase[] = [];
  const sample = await cpu(phases, 'first rows (first row group decoded), decide kinds', 'main', () => readParquet(file, { limit: TYPE_SAMPLE_ROWS }));
  const { parquetMetadataAsync, asyncBufferFromFile } = await import('hyparquet');
  const groups = (await parquetMetadataAsync(await asyncBufferFromFile(file))).row_groups.map((g) => Number(g.num_rows));
  const jobs = splitGroups(groups);
  const rows = groups.reduce((x, y) => x + y, 0);
  const setup: ParquetPartSetup = { format: 'parquet', file, block: new SharedArrayBuffer(rows * width(sample.table) * 4), columns: sample.table.columns.map(columnShell) };
  await cpu(phases, 'sha256 of the file', 'main, during the parts', () => sha256File(file));
  const a = await cpu(phases, `row groups 1-${jobs[0].groupEnd}: decode, hash rows, store`, 'worker 1', () => readParquetPart(setup, jobs[0]));
  const b = await cpu(phases, `row groups ${jobs[1].groupStart + 1}-${groups.length}: decode, hash rows, store`, 'worker 2', () => readParquetPart(setup, jobs[1]));
  await finish(phases, setup, jobs, [a, b]);
  return phases;
}

async function finish(phases: Phase[], setup: CsvPartSetup | ParquetPartSetup, jobs: Parameters<typeof mergeParts>[1], results: [PartResult, PartResult]): Promise<void> {
  const merged = await cpu(phases, 'merge the parts', 'main', () => mergeParts(setup, jobs, results));
  if ('fallback' in merged) throw new Error(`not read in parallel: ${merged.fallback}`);
  await cpu(phases, 'encode the feature matrix', 'main', () => encodeTable(merged.table));
}

/** Main-thread phases in turn, the two workers and the hash side by side: the wall time with a core for each. */
function quietEstimate(phases: Phase[]): number {
  const serial = phases.filter((p) => p[1] === 'main').reduce((s, p) => s + p[2], 0);
  return serial + Math.max(...phases.filter((p) => p[1] !== 'main').map((p) => p[2]));
}

async function main(): Promise<void> {
  const [csv, parquet] = process.argv.slice(2);
  const load = os.loadavg()[0];
  for (const [label, file, run] of [['CSV', csv, csvPhases], ['Parquet', parquet, parquetPhases]] as const) {
    const phases = await run(file);
    const mb = fs.statSync(file).size / 1e6;
    const estimate = quietEstimate(phases);
    console.log(`\n${label} (${mb.toFixed(1)} MB), load average (1 min) ${load.toFixed(1)} on ${os.cpus().length} cores\n`);
    console.log(table(['phase', 'thread', 'CPU s'], phases.map(([name, thread, s]) => [name, thread, s.toFixed(2)])));
    console.log(`\nEstimate for a quiet 2-core machine, without worker start-up: ${estimate.toFixed(2)} s, ${(mb / estimate).toFixed(0)} MB/s.`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
