import { InputError } from '../errors';
import { AsciiTokenizer } from './asciiTokenizer';
import { DecimalMark, Delimiter } from './delimitedTokenizer';
import { selectColumns } from './selectColumns';
import { ColumnData, TableBuilder } from './tableBuilder';

/** What every part of one file shares (a worker's workerData). */
export interface CsvPartSetup {
  file: string;
  /** The whole file's bytes, in shared memory. */
  bytes: SharedArrayBuffer;
  /** The dense feature block, in shared memory: each part writes its rows from its `rowStart`. */
  block: SharedArrayBuffer;
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  label?: string;
  id?: string;
  /** The columns decided from the file's first rows (names from the header, kinds, notes). */
  columns: ColumnData[];
}

/** One part: the records starting in bytes [start, end), the first of them on `line`. */
export interface CsvPartJob {
  start: number;
  end: number;
  line: number;
  /** The first record of the part is the header (the part at the file's start). */
  skipHeader: boolean;
  /** Where the part's rows go in the block, in rows; at most `reservedRows` of them. */
  rowStart: number;
  reservedRows: number;
}

/** A part read: its rows' per-row fields, or why it could not be read this way, or the first bad input in it. */
export type CsvPartResult =
  | {
      kind: 'rows';
      rows: number;
      ids: string[];
      labels: string[];
      lines: number[];
      contentHashes: string[];
      previews: string[];
      missing: number[];
      infiniteValues: number;
    }
  | { kind: 'fallback'; reason: string }
  | { kind: 'error'; message: string; line?: number; column?: string; rowsBefore: { ids: string[]; lines: number[] } };

/**
 * Read one part of an all-numeric delimited file with the byte fast path into its rows of the
 * shared block, as the single-threaded reader would read those records.
 */
export function readCsvPart(setup: CsvPartSetup, job: CsvPartJob): CsvPartResult {
  const header = setup.columns.map((c) => c.name);
  const { labelIndex, idIndex } = selectColumns(header, setup, setup.file);
  const width = setup.columns.filter((c) => c.kind !== 'dropped').length;
  const denseTarget = new Float32Array(setup.block, job.rowStart * width * 4, job.reservedRows * width);
  const builder = new TableBuilder(setup.file, header, labelIndex, idIndex, undefined, { columns: setup.columns.map((c) => ({ ...c })), denseTarget });
  let skip = job.skipHeader;
  const tokenizer = new AsciiTokenizer(setup.delimiter, setup.decimalMark, (cells, numbers, count, line) => {
    if (skip) {
      skip = false;
      return;
    }
    if (count !== header.length) throw new InputError(`expected ${header.length} fields like the header, found ${count}`, setup.file, line);
    builder.add(cells, line, numbers);
  });
  tokenizer.line = job.line;
  try {
    if (!tokenizer.push(Buffer.from(setup.bytes, job.start, job.end - job.start), true)) return { kind: 'fallback', reason: `a quote or a byte outside ASCII on line ${tokenizer.line}` };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const table = builder.rowCount > 0 ? builder.finish() : { ids: [], lines: [] };
    return { kind: 'error', message: withoutLocation(err), line: err.line, column: err.column, rowsBefore: { ids: table.ids, lines: table.lines } };
  }
  if (builder.rowCount === 0) return { kind: 'fallback', reason: 'a part without rows' };
  if (builder.rowCount > job.reservedRows || !builder.denseIsFloat32) return { kind: 'fallback', reason: 'values that are not float32' };
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

/** An InputError's message without the file, line and column in front (they travel separately). */
function withoutLocation(err: InputError): string {
  return err.message.slice(new InputError('', err.file, err.line, err.column).message.length);
}
