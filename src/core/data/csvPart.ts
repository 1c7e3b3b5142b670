import { InputError } from '../errors';
import { AsciiTokenizer } from './asciiTokenizer';
import { DecimalMark, Delimiter } from './delimitedTokenizer';
import { PartResult, PartSetup, PartSlot, failedPart, finishedPart, partBuilder } from './tableParts';

export interface CsvPartSetup extends PartSetup {
  format: 'csv';
  /** The whole file's bytes, in shared memory. */
  bytes: SharedArrayBuffer;
  delimiter: Delimiter;
  decimalMark: DecimalMark;
}

/** One part: the records starting in bytes [start, end), the first of them on `line`. */
export interface CsvPartJob extends PartSlot {
  start: number;
  end: number;
  line: number;
  /** The first record of the part is the header (the part at the file's start). */
  skipHeader: boolean;
}

/**
 * Read one part of an all-numeric delimited file with the byte fast path into its rows of the
 * shared block, as the single-threaded reader would read those records.
 */
export function readCsvPart(setup: CsvPartSetup, job: CsvPartJob): PartResult {
  const { builder, header, idIndex } = partBuilder(setup, job);
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
    return failedPart(err, builder);
  }
  return finishedPart(builder, idIndex, job);
}
