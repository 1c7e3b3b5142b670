import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { InputError } from '../errors';
import { JobContext } from '../progress';
import { TYPE_SAMPLE_ROWS } from './columns';
import { compressionOf } from './compression';
import { TableReadOptions, readDelimited } from './csv';
import { CsvPartJob, CsvPartSetup } from './csvPart';
import { Delimiter } from './delimitedTokenizer';
import { ReadingInfo } from './readingInfo';
import { ParsedTable, columnShell } from './tableBuilder';
import { denseRefusal, mergeParts, partWorkersAvailable, runTwoParts } from './tableParts';

/** Files from this size are read by two worker threads (below it, starting them costs more than they save). */
export const PARALLEL_MIN_BYTES = 32e6;

export interface DelimitedRead {
  table: ParsedTable;
  reading: ReadingInfo;
  fastPathRecords: number;
  /** Read in parallel: the file's sha256, hashed while the workers parsed. */
  sha256?: string;
  /** Why a file from PARALLEL_MIN_BYTES was read on one thread after all. */
  singleThreadReason?: string;
}

/**
 * readDelimited, split across two worker threads when it pays: an uncompressed UTF-8 or Latin-1
 * file of at least PARALLEL_MIN_BYTES whose first rows make an all-numeric block (the Kaggle
 * layout) and whose bytes the fast path reads throughout. The columns are decided from the first
 * rows as readDelimited decides them; then each half of the file, split after a line break, is
 * parsed into its rows of one shared block. The result is the one readDelimited gives; any part
 * that the fast path cannot read sends the whole file to readDelimited.
 */
export async function readDelimitedInParallel(file: string, preferred: Delimiter, options: TableReadOptions & { parallelMinBytes?: number }, ctx?: JobContext): Promise<DelimitedRead> {
  const size = fs.statSync(file).size;
  if (options.generalPath || options.limit || !partWorkersAvailable() || size < (options.parallelMinBytes ?? PARALLEL_MIN_BYTES) || compressionOf(file).compression !== 'none') return readDelimited(file, preferred, options, ctx);
  const sample = await readDelimited(file, preferred, { ...options, limit: TYPE_SAMPLE_ROWS }, ctx);
  const single = (reason: string) => readDelimited(file, preferred, options, ctx).then((read): DelimitedRead => ({ ...read, singleThreadReason: reason }));
  const reason = refusal(sample);
  if (reason) return single(reason);
  const bytes = readShared(file, size);
  const plan = splitInTwo(bytes, sample.table.columns.filter((c) => c.kind !== 'dropped').length);
  if (!plan) return single('no line break in the second half');
  const setup: CsvPartSetup = {
    format: 'csv',
    file,
    bytes: bytes.buffer as SharedArrayBuffer,
    block: plan.block,
    delimiter: sample.reading.delimiter!,
    decimalMark: sample.reading.decimalMark!,
    label: options.label,
    id: options.id,
    columns: sample.table.columns.map(columnShell),
  };
  // This thread is idle while the workers parse: it hashes the bytes meanwhile.
  const { results, meanwhile: sha256 } = await runTwoParts(setup, plan.jobs, () => crypto.createHash('sha256').update(bytes).digest('hex'), ctx);
  const merged = mergeParts(setup, plan.jobs, results);
  if ('fallback' in merged) return single(merged.fallback);
  return { table: merged.table, reading: { ...sample.reading, infiniteValues: merged.infiniteValues }, fastPathRecords: merged.table.ids.length + 1, sha256 };
}

/** Why the sampled first rows rule the parallel path out, or undefined. */
function refusal(sample: DelimitedRead): string | undefined {
  if (sample.reading.encoding !== 'utf-8' && sample.reading.encoding !== 'latin-1') return `${sample.reading.encoding} text`;
  if (sample.fastPathRecords !== TYPE_SAMPLE_ROWS + 1) return 'the first rows need the general path';
  return denseRefusal(sample.table);
}

/** The file in shared memory, for the workers to parse without a copy each. */
export function readShared(file: string, size: number): Buffer {
  const bytes = Buffer.from(new SharedArrayBuffer(size));
  const fd = fs.openSync(file, 'r');
  try {
    for (let at = 0; at < size; ) {
      const read = fs.readSync(fd, bytes, at, size - at, at);
      if (read === 0) throw new InputError('the file shrank while it was read', file);
      at += read;
    }
  } finally {
    fs.closeSync(fd);
  }
  return bytes;
}

interface SplitPlan {
  jobs: [CsvPartJob, CsvPartJob];
  block: SharedArrayBuffer;
}

/** Two parts split after the first \n from the middle, each with room for as many rows as it has line ends (+1 for a last line without one). */
export function splitInTwo(bytes: Buffer, width: number): SplitPlan | undefined {
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const newline = bytes.indexOf(10, (start + bytes.length) >> 1);
  if (newline < 0 || newline + 1 >= bytes.length) return undefined;
  const mid = newline + 1;
  const firstLines = lineEnds(bytes, start, mid);
  const secondRows = lineEnds(bytes, mid, bytes.length) + 1;
  return {
    jobs: [
      // Every record of the first part ends in a line end, the header's too.
      { start, end: mid, line: 1, skipHeader: true, rowStart: 0, reservedRows: firstLines - 1 },
      { start: mid, end: bytes.length, line: firstLines + 1, skipHeader: false, rowStart: firstLines - 1, reservedRows: secondRows },
    ],
    block: new SharedArrayBuffer((firstLines - 1 + secondRows) * width * 4),
  };
}

/** Line ends in bytes [start, end) as the tokenizer counts them: \n, \r\n, and a lone \r. */
function lineEnds(bytes: Buffer, start: number, end: number): number {
  let count = 0;
  for (let at = bytes.indexOf(10, start); at >= 0 && at < end; at = bytes.indexOf(10, at + 1)) count++;
  for (let at = bytes.indexOf(13, start); at >= 0 && at < end; at = bytes.indexOf(13, at + 1)) if (at + 1 >= end || bytes[at + 1] !== 10) count++;
  return count;
}
