import * as fs from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { ColumnSelection, selectColumns } from './selectColumns';
import { ParsedTable, TableBuilder } from './tableBuilder';

export interface TableReadOptions {
  label?: string;
  id?: string;
  limit?: number;
  fixedKinds?: Map<string, 'numeric' | 'categorical' | 'text' | 'array' | 'dropped'>;
}

/**
 * Stream a CSV/TSV file with a header row into a ParsedTable. Quotes, embedded newlines, CRLF
 * and a BOM are handled by csv-parse; each record keeps the 1-based line where it starts.
 */
export async function readDelimited(file: string, delimiter: ',' | '\t', options: TableReadOptions, ctx?: JobContext): Promise<ParsedTable> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('the file is empty', file);
  const parser = fs.createReadStream(file).pipe(
    parse({ bom: true, delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false }),
  );
  let header: string[] | undefined;
  let selection: ColumnSelection | undefined;
  let builder: TableBuilder | undefined;
  let bytes = 0;
  const lines = new LineTracker();
  try {
    for await (const { record, info, raw } of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
      const line = lines.startLine(info.lines, raw);
      bytes += Buffer.byteLength(raw);
      if (!header) {
        header = record.map((h, c) => h.trim() || `column ${c + 1}`);
        selection = selectColumns(header, options, file);
        builder = new TableBuilder(file, header, selection.labelIndex, selection.idIndex, options.fixedKinds);
        continue;
      }
      if (record.length !== header.length) {
        throw new InputError(`expected ${header.length} fields like the header, found ${record.length}`, file, line);
      }
      builder!.add(record, line);
      if (options.limit && builder!.rowCount >= options.limit) break;
      if (builder!.rowCount % 2000 === 0) {
        report(ctx, 'reading', bytes / size);
        throwIfCancelled(ctx);
        await breathe();
      }
    }
  } catch (err) {
    if (err instanceof CsvError) {
      const where = (err as CsvError & { lines?: number }).lines;
      throw new InputError(`not valid ${delimiter === ',' ? 'CSV' : 'TSV'}: ${err.message.replace(/^Invalid [^:]*: /, '')}`, file, where);
    }
    throw err;
  } finally {
    parser.destroy();
  }
  if (!header) throw new InputError('the file is empty', file);
  return builder!.finish();
}

/**
 * The 1-based line where a record starts, from csv-parse's running line count (the line where the
 * record ends). csv-parse counts a CRLF inside a quoted field as two lines; the tracker removes
 * that overcount, which accumulates over the file.
 */
class LineTracker {
  private overcount = 0;

  startLine(parserEndLine: number, raw: string): number {
    const body = raw.replace(/^[\r\n]+/, '').replace(/[\r\n]+$/, '');
    const crlf = (body.match(/\r\n/g) ?? []).length;
    const breaks = (body.match(/\r\n|\r|\n/g) ?? []).length;
    this.overcount += crlf;
    return parserEndLine - this.overcount - breaks;
  }
}
