import * as fs from 'node:fs';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { DelimitedTokenizer, Delimiter } from './delimitedTokenizer';
import { sniffDelimiter } from './delimiterSniff';
import { ReadingInfo } from './readingInfo';
import { selectColumns } from './selectColumns';
import { ColumnData, ParsedTable, TableBuilder } from './tableBuilder';
import { openText } from './textSource';

export interface TableReadOptions {
  label?: string;
  id?: string;
  limit?: number;
  /** CSV/TSV: use this delimiter instead of sniffing one. */
  delimiter?: Delimiter;
  fixedKinds?: Map<string, ColumnData['kind']>;
}

const SNIFF_CHARS = 64 * 1024;

/** Stops the tokenizer once --limit rows are read. */
class LimitReached extends Error {}

/**
 * Stream a delimited text file with a header row into a ParsedTable: decompressed and decoded
 * by textSource, delimiter and decimal mark sniffed from the first 64 kB (or forced), records
 * split by DelimitedTokenizer, each keeping the 1-based line where it starts.
 */
export async function readDelimited(file: string, preferred: Delimiter, options: TableReadOptions, ctx?: JobContext): Promise<{ table: ParsedTable; reading: ReadingInfo }> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('the file is empty', file);
  const source = await openText(file);
  let sample = '';
  const pending: string[] = [];
  let done = false;
  while (sample.length < SNIFF_CHARS) {
    const next = await source.chunks.next();
    if (next.done) {
      done = true;
      break;
    }
    sample += next.value;
    pending.push(next.value);
  }
  const choice = sniffDelimiter(sample, preferred, options.delimiter);
  let header: string[] | undefined;
  let builder: TableBuilder | undefined;
  const tokenizer = new DelimitedTokenizer(file, choice.delimiter, choice.decimalMark, (cells, numbers, count, line) => {
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
  });
  let chars = 0;
  try {
    const feed = async (text: string, final: boolean) => {
      tokenizer.push(text, final);
      chars += text.length;
      report(ctx, 'reading', Math.min(0.99, source.compression === 'none' ? chars / size : chars / (size * 5)));
      throwIfCancelled(ctx);
      await breathe();
    };
    for (const text of pending) await feed(text, false);
    if (!done) for await (const text of source.chunks) await feed(text, false);
    tokenizer.push('', true);
  } catch (err) {
    if (!(err instanceof LimitReached)) throw err;
  } finally {
    await source.chunks.return(undefined);
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
  return { table, reading };
}

/** Rows an uncompressed file will have, from the lines of its first 64 kB, with 5% to spare. */
function estimateRows(sample: string, size: number): number {
  const lines = sample.split('\n').length - 1;
  if (lines < 2) return 1024;
  return Math.ceil((size / sample.length) * lines * 1.05);
}
