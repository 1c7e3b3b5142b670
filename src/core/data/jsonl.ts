import * as fs from 'node:fs';
import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { TYPE_SAMPLE_ROWS } from './columns';
import { TableReadOptions } from './csv';
import { ReadingInfo } from './readingInfo';
import { selectColumns } from './selectColumns';
import { CellValue, ParsedTable, TableBuilder } from './tableBuilder';
import { openText } from './textSource';

/**
 * Stream a JSON Lines file (decompressed and decoded by textSource): one object per line. Its keys
 * are the columns (the union of the keys of the first rows); each field's kind follows the rule in
 * docs/formats.md (numbers, categories, fixed-width vectors or bags of values).
 */
export async function readJsonl(file: string, options: TableReadOptions, ctx?: JobContext): Promise<{ table: ParsedTable; reading: ReadingInfo }> {
  const size = fs.statSync(file).size;
  if (size === 0) throw new InputError('the file is empty', file);
  const source = await openText(file);
  const lines = splitLines(source.chunks);
  const head: Array<{ object: Record<string, unknown>; line: number }> = [];
  let builder: TableBuilder | undefined;
  let keys: string[] = [];
  let lineNumber = 0;
  let bytes = 0;
  const feed = (object: Record<string, unknown>, line: number) => builder!.add(keys.map((k) => toCell(object[k])), line);
  const start = () => {
    keys = unionOfKeys(head.map((h) => h.object));
    const selection = selectColumns(keys, options, file);
    builder = new TableBuilder(file, keys, selection.labelIndex, selection.idIndex, options.fixedKinds);
    for (const h of head.splice(0)) feed(h.object, h.line);
  };
  try {
    for await (const text of lines) {
      lineNumber++;
      bytes += text.length + 1;
      if (text.trim() === '') continue;
      const object = parseObject(text, file, lineNumber);
      if (builder) feed(object, lineNumber);
      else {
        head.push({ object, line: lineNumber });
        if (head.length >= TYPE_SAMPLE_ROWS) start();
      }
      const rows = builder ? builder.rowCount : head.length;
      if (options.limit && rows >= options.limit) break;
      if (lineNumber % 2000 === 0) {
        report(ctx, 'reading', Math.min(0.99, bytes / size));
        throwIfCancelled(ctx);
        await breathe();
      }
    }
  } finally {
    await lines.return(undefined);
  }
  if (!builder) {
    if (head.length === 0) throw new InputError('no JSON objects in the file', file);
    start();
  }
  const table = builder!.finish();
  const reading: ReadingInfo = {
    compression: source.compression,
    encoding: source.encoding,
    infiniteValues: builder!.infiniteValues,
    notes: source.note ? [source.note] : [],
  };
  return { table, reading };
}

async function* splitLines(chunks: AsyncGenerator<string>): AsyncGenerator<string> {
  let rest = '';
  try {
    for await (const chunk of chunks) {
      const text = rest + chunk;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        yield text.slice(from, nl > from && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl);
        from = nl + 1;
      }
      rest = text.slice(from);
    }
    if (rest) yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
  } finally {
    await chunks.return(undefined);
  }
}

function parseObject(text: string, file: string, line: number): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON (${err instanceof Error ? err.message : String(err)})`, file, line);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new InputError('each line must be a JSON object', file, line);
  return value as Record<string, unknown>;
}

function unionOfKeys(objects: Array<Record<string, unknown>>): string[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const object of objects) {
    for (const key of Object.keys(object)) {
      if (seen.has(key)) continue;
      seen.add(key);
      keys.push(key);
    }
  }
  return keys;
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (Array.isArray(value)) return value;
  return JSON.stringify(value);
}
