import { InputError } from '../errors';
import { JobContext } from '../progress';
import { runJobsInWorkers, workerScript } from '../util/workerPool';
import { selectColumns } from './selectColumns';
import { ColumnData, ParsedTable, TableBuilder, duplicateIdError } from './tableBuilder';

/**
 * The parts of a table read by worker threads, each into its rows of one shared dense block
 * (tablePartWorker.ts), and their results merged into the table one thread would have built.
 */

/** Where a part's rows go in the shared block, in rows; at most `reservedRows` of them. */
export interface PartSlot {
  rowStart: number;
  reservedRows: number;
}

/** What every part of one table shares. */
export interface PartSetup {
  file: string;
  /** The dense feature block, in shared memory. */
  block: SharedArrayBuffer;
  label?: string;
  id?: string;
  /** The columns decided from the table's first rows (names from the header, kinds, notes). */
  columns: ColumnData[];
}

export type PartRows = {
  kind: 'rows';
  rows: number;
  ids: string[];
  labels: string[];
  lines: number[];
  contentHashes: string[];
  previews: string[];
  missing: number[];
  infiniteValues: number;
};

/** A part read: its rows' per-row fields, or why it could not be read this way, or the first bad input in it. */
export type PartResult =
  | PartRows
  | { kind: 'fallback'; reason: string }
  | { kind: 'error'; message: string; line?: number; column?: string; rowsBefore: { ids: string[]; lines: number[] } };

/** A builder for one part: the decided columns, its dense values written into its rows of the block. */
export function partBuilder(setup: PartSetup, slot: PartSlot): { builder: TableBuilder; header: string[]; idIndex: number } {
  const header = setup.columns.map((c) => c.name);
  const { labelIndex, idIndex } = selectColumns(header, setup, setup.file);
  const width = setup.columns.filter((c) => c.kind !== 'dropped').length;
  const denseTarget = new Float32Array(setup.block, slot.rowStart * width * 4, slot.reservedRows * width);
  const builder = new TableBuilder(setup.file, header, labelIndex, idIndex, undefined, { columns: setup.columns.map((c) => ({ ...c })), denseTarget });
  return { builder, header, idIndex };
}

/** The part's result once every row went into `builder` (ids only for an id column: row numbers are the merge's). */
export function finishedPart(builder: TableBuilder, idIndex: number, slot: PartSlot): PartResult {
  if (builder.rowCount === 0) return { kind: 'fallback', reason: 'a part without rows' };
  if (builder.rowCount > slot.reservedRows || !builder.denseIsFloat32) return { kind: 'fallback', reason: 'values that are not float32' };
  const table = builder.finish();
  return {
    kind: 'rows',
    rows: table.ids.length,
    ids: idIndex >= 0 ? table.ids : [],
    labels: table.labels,
    lines: table.lines,
    contentHashes: table.contentHashes,
    previews: table.previews,
    missing: table.columns.map((c) => c.missing),
    infiniteValues: builder.infiniteValues,
  };
}

/** The part's result when `err` stopped it: the error, and the ids before it (a duplicate of the first part's among them comes first). */
export function failedPart(err: unknown, builder: TableBuilder): PartResult {
  if (!(err instanceof InputError)) throw err;
  const table = builder.rowCount > 0 ? builder.finish() : { ids: [], lines: [] };
  // The message without the file, line and column in front: they travel separately.
  const message = err.message.slice(new InputError('', err.file, err.line, err.column).message.length);
  return { kind: 'error', message, line: err.line, column: err.column, rowsBefore: { ids: table.ids, lines: table.lines } };
}

/** Run the two parts on two worker threads; `meanwhile` runs on this thread while they work. */
export async function runTwoParts<Setup extends PartSetup, Job extends PartSlot, T>(setup: Setup, jobs: [Job, Job], meanwhile: () => Promise<T> | T, ctx?: JobContext): Promise<{ results: [PartResult, PartResult]; meanwhile: T }> {
  const script = workerScript(__dirname, 'tablePartWorker');
  if (!script) throw new Error('the table part worker (tablePartWorker) is missing');
  const results = new Map<number, PartResult>();
  const parsed = runJobsInWorkers<Job, { result: PartResult; rowStart: number }>(script, setup, jobs, 2, 'table reader', (reply) => results.set(reply.rowStart, reply.result), ctx);
  const other = await meanwhile();
  await parsed;
  return { results: [results.get(jobs[0].rowStart)!, results.get(jobs[1].rowStart)!], meanwhile: other };
}

/** Whether the worker script can be found (built next to the bundle, or the source under tsx). */
export function partWorkersAvailable(): boolean {
  return workerScript(__dirname, 'tablePartWorker') !== undefined;
}

/**
 * The table one thread would have built from the two parts, or the reason to read it on one
 * thread after all; throws the first bad input in file order, as one thread would.
 */
export function mergeParts(setup: PartSetup, jobs: [PartSlot, PartSlot], results: [PartResult, PartResult]): { table: ParsedTable; infiniteValues: number } | { fallback: string } {
  const [first, second] = results;
  const fallback = results.find((r) => r.kind === 'fallback');
  if (fallback) return { fallback: fallback.reason };
  const { file } = setup;
  const header = setup.columns.map((c) => c.name);
  const { labelIndex, idIndex } = selectColumns(header, setup, file);
  if (first.kind === 'error') throw new InputError(first.message, file, first.line, first.column);
  const a = first as PartRows;
  if (second.kind === 'error') {
    if (idIndex >= 0) checkUniqueIds(file, a, second.rowsBefore);
    throw new InputError(second.message, file, second.line, second.column);
  }
  const b = second as PartRows;
  if (idIndex >= 0) checkUniqueIds(file, a, b);
  const width = setup.columns.filter((c) => c.kind !== 'dropped').length;
  const rows = a.rows + b.rows;
  const block = new Float32Array(setup.block, 0, rows * width);
  // Fewer rows in the first part than it had room for (blank lines): close the gap.
  if (a.rows < jobs[0].reservedRows) new Float32Array(setup.block).copyWithin(a.rows * width, jobs[1].rowStart * width, (jobs[1].rowStart + b.rows) * width);
  const kept = setup.columns.flatMap((c, i) => (c.kind === 'dropped' ? [] : [i]));
  const columns = setup.columns.map((shell, c): ColumnData => {
    const column = { ...shell, missing: a.missing[c] + b.missing[c] };
    return column.kind === 'numeric' ? { ...column, values: block, stride: width, offset: kept.indexOf(c) } : column;
  });
  const table: ParsedTable = {
    file,
    labelColumn: header[labelIndex],
    idColumn: idIndex >= 0 ? header[idIndex] : null,
    ids: idIndex >= 0 ? a.ids.concat(b.ids) : Array.from({ length: rows }, (_, i) => String(i + 1)),
    labels: a.labels.concat(b.labels),
    lines: a.lines.concat(b.lines),
    columns,
    contentHashes: a.contentHashes.concat(b.contentHashes),
    previews: a.previews.concat(b.previews),
  };
  return { table, infiniteValues: a.infiniteValues + b.infiniteValues };
}

/** The first id of the second part that the first part already has, reported as one thread reports it. */
function checkUniqueIds(file: string, first: PartRows, second: { ids: string[]; lines: number[] }): void {
  const lines = new Map<string, number>();
  first.ids.forEach((id, i) => lines.set(id, first.lines[i]));
  second.ids.forEach((id, i) => {
    const before = lines.get(id);
    if (before !== undefined) throw duplicateIdError(file, id, before, second.lines[i]);
  });
}

/** Why the first rows, read on one thread, rule the parallel path out: not an all-numeric float32 block. */
export function denseRefusal(table: ParsedTable): string | undefined {
  const numeric = table.columns.find((c) => c.kind === 'numeric');
  if (!numeric || numeric.kind !== 'numeric' || numeric.stride === 1) return 'not an all-numeric block';
  if (!(numeric.values instanceof Float32Array)) return 'values that are not float32';
  return undefined;
}
