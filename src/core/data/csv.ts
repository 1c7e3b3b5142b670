import * as fs from 'node:fs';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { AsciiTokenizer } from './asciiTokenizer';
import { DelimitedTokenizer, Delimiter, RecordSink } from './delimitedTokenizer';
import { sniffDelimiter } from './delimiterSniff';
import { ReadingInfo } from './readingInfo';
import { selectColumns } from './selectColumns';
import { ColumnData, ParsedTable, TableBuilder } from './tableBuilder';
import { decodeAll } from './textDecode';
import { openBytes } from './textSource';

export interface TableReadOptions {
  label?: string;
  id?: string;
  limit?: number;
  /** CSV/TSV: use this delimiter instead of sniffing one. */
  delimiter?: Delimiter;
  fixedKinds?: Map<string, ColumnData['kind']>;
  /** CSV/TSV: decode all the text and skip the byte-level fast path; Parquet: skip the dense numeric path (tests compare the two). */
  generalPath?: boolean;
}

const SNIFF_CHARS = 64 * 1024;

/** Stops the tokenizer once --limit rows are read. */
class LimitReached extends Error {}

/**
 * Stream a delimited text file with a header row into a ParsedTable: decompressed by its name,
 * delimiter and decimal mark sniffed from the first 64 kB (or forced). UTF-8 and Latin-1 files are
 * parsed from their bytes by AsciiTokenizer while they are plain ASCII without quotes; from the
 * first record that is not, and for UTF-16, the text is decoded and split by DelimitedTokenizer.
 * Both give the same records, each with the 1-based line where it starts. `fastPathRecords`
 * (header included) says how many the fast path read.
 */
export async function readDelimited(file: string, preferred: Delimiter, options: TableReadOptions, ctx?: JobContext): Promise<{ table: ParsedTable; reading: ReadingInfo; fastPathRecords: number }> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('the file is empty', file);
  const source = await openBytes(file);
  const tapped = tap(source.rest);
  const text = decodeAll(file, source.encoding, source.head, tapped.chunks);
  let sample = '';
  const pending: string[] = [];
  while (sample.length < SNIFF_CHARS) {
    const next = await text.next();
    if (next.done) break;
    sample += next.value;
    pending.push(next.value);
  }
  const sampledBytes = [source.head, ...tapped.stop()];
  const choice = sniffDelimiter(sample, preferred, options.delimiter);
  let header: string[] | undefined;
  let builder: TableBuilder | undefined;
  const sink: RecordSink = (cells, numbers, count, line) => {
    if (!header) {
      header = cells.slice(0, count).map((h, c) => h.trim() || `column ${c + 1}`);
      const selection = selectColumns(header, options, file);
      builder = new TableBuilder(file, header, selection.labelIndex, selection.idIndex, options.fixedKinds);
      return;
    }
    if (count !== header.length) throw new InputError(`expected ${header.length} fields like the header, found ${count}`, file, line);
    if (builder!.rowCount === 0 && source.compression === 'none') builder!.expectedRows = estimateRows(sample, size);
    builder!.add(cells, line, numbers);
    if (options.limit && builder!.rowCount >= options.limit) throw new LimitReached();
  };
  let consumed = 0;
  let ascii: AsciiTokenizer | undefined;
  const progress = async (length: number) => {
    consumed += length;
    report(ctx, 'reading', Math.min(0.99, source.compression === 'none' ? consumed / size : consumed / (size * 5)));
    throwIfCancelled(ctx);
    await breathe();
  };
  const general = async (line: number, texts: AsyncIterable<string> | string[]) => {
    const tokenizer = new DelimitedTokenizer(file, choice.delimiter, choice.decimalMark, sink, line);
    for await (const piece of texts) {
      tokenizer.push(piece, false);
      await progress(piece.length);
    }
    tokenizer.push('', true);
  };
  try {
    if (options.generalPath || source.encoding === 'utf-16le' || source.encoding === 'utf-16be') await general(1, joined(pending, text));
    else {
      const bytes = joined(sampledBytes, source.rest);
      ascii = new AsciiTokenizer(choice.delimiter, choice.decimalMark, sink);
      let fast = true;
      // Not a for loop's update step: that would take the next chunk from `bytes` after the fast path stopped, and lose it.
      while (fast) {
        const next = await bytes.next();
        if (next.done) break;
        fast = ascii.push(next.value, false);
        await progress(next.value.length);
      }
      if (fast) fast = ascii.push(Buffer.alloc(0), true);
      if (!fast) await general(ascii.line, decodeAll(file, source.encoding, ascii.leftover, bytes, ascii.line - 1));
    }
  } catch (err) {
    if (!(err instanceof LimitReached)) throw err;
  } finally {
    await source.rest.return(undefined);
  }
  if (!header || !builder) throw new InputError('the file is empty', file);
  const table = builder.finish();
  const reading: ReadingInfo = {
    compression: source.compression,
    encoding: source.encoding,
    delimiter: choice.delimiter,
    delimiterSource: choice.source,
    decimalMark: choice.decimalMark,
    infiniteValues: builder.infiniteValues,
    notes: source.note ? [source.note] : [],
  };
  return { table, reading, fastPathRecords: ascii?.records ?? 0 };
}

/** The chunks a generator yields, kept until stop(): the bytes behind the decoded sniffing sample. */
function tap(source: AsyncIterable<Buffer>): { chunks: AsyncGenerator<Buffer>; stop: () => Buffer[] } {
  let kept: Buffer[] | undefined = [];
  async function* chunks(): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      kept?.push(chunk);
      yield chunk;
    }
  }
  return {
    chunks: chunks(),
    stop: () => {
      const all = kept ?? [];
      kept = undefined;
      return all;
    },
  };
}

/** `first`, then what `rest` still has. */
async function* joined<T>(first: T[], rest: AsyncIterable<T>): AsyncGenerator<T> {
  yield* first;
  yield* rest;
}

/** Rows an uncompressed file will have, from the lines of its first 64 kB, with 5% to spare. */
function estimateRows(sample: string, size: number): number {
  const lines = sample.split('\n').length - 1;
  if (lines < 2) return 1024;
  return Math.ceil((size / sample.length) * lines * 1.05);
}
