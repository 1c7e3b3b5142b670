import * as fs from 'node:fs';
import { JobContext } from '../progress';
import { TYPE_SAMPLE_ROWS } from './columns';
import { TableReadOptions } from './csv';
import { sha256File } from './hash';
import { ParquetPartJob, ParquetPartSetup } from './parquetPart';
import { readParquet } from './parquet';
import { ParsedTable, columnShell } from './tableBuilder';
import { ReadingInfo } from './readingInfo';
import { denseRefusal, mergeParts, partWorkersAvailable, runTwoParts } from './tableParts';

/** Files from this size are read by two worker threads (below it, starting them costs more than they save). */
export const PARQUET_PARALLEL_MIN_BYTES = 8e6;

export interface ParquetRead {
  table: ParsedTable;
  reading: ReadingInfo;
  /** Read in parallel: the file's sha256, hashed while the workers decoded. */
  sha256?: string;
  /** Why a file from PARQUET_PARALLEL_MIN_BYTES was read on one thread after all. */
  singleThreadReason?: string;
}

/**
 * readParquet, split across two worker threads when it pays: a file of at least
 * PARQUET_PARALLEL_MIN_BYTES with two or more row groups whose first rows make an all-numeric
 * float32 block on the dense path. The columns are decided from the first rows as readParquet
 * decides them; then each worker decodes half of the row groups (split by rows) into its rows of
 * one shared block. The result is the one readParquet gives.
 */
export async function readParquetInParallel(file: string, options: TableReadOptions & { parallelMinBytes?: number }, ctx?: JobContext): Promise<ParquetRead> {
  const size = fs.statSync(file).size;
  if (options.generalPath || options.limit || !partWorkersAvailable() || size < (options.parallelMinBytes ?? PARQUET_PARALLEL_MIN_BYTES)) return readParquet(file, options, ctx);
  const sample = await readParquet(file, { ...options, limit: TYPE_SAMPLE_ROWS }, ctx);
  const single = (reason: string) => readParquet(file, options, ctx).then((read): ParquetRead => ({ ...read, singleThreadReason: reason }));
  const reason = denseRefusal(sample.table);
  if (reason) return single(reason);
  const { parquetMetadataAsync, asyncBufferFromFile } = await import('hyparquet');
  const groups = (await parquetMetadataAsync(await asyncBufferFromFile(file))).row_groups.map((g) => Number(g.num_rows));
  if (groups.length < 2) return single('one row group');
  const width = sample.table.columns.filter((c) => c.kind !== 'dropped').length;
  const jobs = splitGroups(groups);
  const total = groups.reduce((a, b) => a + b, 0);
  const setup: ParquetPartSetup = { format: 'parquet', file, block: new SharedArrayBuffer(total * width * 4), label: options.label, id: options.id, columns: sample.table.columns.map(columnShell) };
  const { results, meanwhile: sha256 } = await runTwoParts(setup, jobs, () => sha256File(file), ctx);
  const merged = mergeParts(setup, jobs, results);
  if ('fallback' in merged) return single(merged.fallback);
  return { table: merged.table, reading: { ...sample.reading, infiniteValues: merged.infiniteValues }, sha256 };
}

/** The row groups in two runs of about the same number of rows. */
export function splitGroups(groups: number[]): [ParquetPartJob, ParquetPartJob] {
  const total = groups.reduce((a, b) => a + b, 0);
  let cut = 1;
  let before = groups[0];
  while (cut < groups.length - 1 && Math.abs(total - 2 * (before + groups[cut])) < Math.abs(total - 2 * before)) before += groups[cut++];
  return [
    { groupStart: 0, groupEnd: cut, rowStart: 0, reservedRows: before },
    { groupStart: cut, groupEnd: groups.length, rowStart: before, reservedRows: total - before },
  ];
}
