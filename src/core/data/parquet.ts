import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { TableReadOptions } from './csv';
import { ReadingInfo } from './readingInfo';
import { selectColumns } from './selectColumns';
import { CellValue, ParsedTable, TableBuilder } from './tableBuilder';

interface SchemaNode {
  element: { name: string; repetition_type?: string; converted_type?: string; logical_type?: { type: string } };
  children: SchemaNode[];
}

/**
 * Read a Parquet file one row group at a time with hyparquet (pure JS; snappy, gzip, zstd, brotli
 * and lz4 pages). Flat columns are cells; list columns are arrays, typed like JSONL arrays
 * (fixed-width vector or bag of values). Struct and map columns are refused with their name.
 * Rows have no lines: error messages and sources give the 1-based row number in the line's place.
 */
export async function readParquet(file: string, options: TableReadOptions, ctx?: JobContext): Promise<{ table: ParsedTable; reading: ReadingInfo }> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new InputError(`not a readable Parquet file (${(err as Error).message})`, file);
  }
  const columns = (parquetSchema(metadata) as unknown as SchemaNode).children;
  columns.forEach((node) => refuseNested(node, file));
  const names = columns.map((c) => c.element.name);
  const selection = selectColumns(names, options, file);
  const builder = new TableBuilder(file, names, selection.labelIndex, selection.idIndex, options.fixedKinds);
  const total = Number(metadata.num_rows);
  builder.expectedRows = options.limit ? Math.min(total, options.limit) : total;
  const numbers = new Float64Array(names.length);
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: unknown[][] = [];
    try {
      await parquetRead({ file: buffer, metadata, rowStart, rowEnd, compressors, rowFormat: 'array', onComplete: (r: unknown[][]) => (rows = r) });
    } catch (err) {
      throw new InputError(`cannot read Parquet rows ${rowStart + 1}-${rowEnd} (${(err as Error).message})`, file);
    }
    for (let r = 0; r < rows.length; r++) {
      // Numbers go to the builder as they are (its fast path); only other values are converted.
      const row = rows[r];
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (typeof v === 'number' && Number.isFinite(v)) numbers[c] = v;
        else {
          numbers[c] = NaN;
          row[c] = toCell(v);
        }
      }
      builder.add(row as CellValue[], rowStart + r + 1, numbers);
      if (options.limit && builder.rowCount >= options.limit) break;
    }
    rowStart = rowEnd;
    if (options.limit && builder.rowCount >= options.limit) break;
    report(ctx, 'reading', Math.min(0.99, rowStart / Math.max(1, total)));
    throwIfCancelled(ctx);
    await breathe();
  }
  const table = builder.finish();
  return { table, reading: { compression: 'none', infiniteValues: builder.infiniteValues, notes: [`${metadata.row_groups.length} row group(s)`] } };
}

function refuseNested(node: SchemaNode, file: string): void {
  const { name, logical_type, converted_type } = node.element;
  const isList = logical_type?.type === 'LIST' || converted_type === 'LIST';
  if (node.children.length === 0 || isList) return;
  const kind = logical_type?.type === 'MAP' || converted_type === 'MAP' || converted_type === 'MAP_KEY_VALUE' ? 'a map' : 'a struct';
  throw new InputError(
    `column "${name}" is ${kind} (fields ${node.children.map((c) => c.element.name).join(', ')}): ForgetLens reads flat and list columns; flatten it first (pyarrow: table.flatten())`,
    file,
    undefined,
    name,
  );
}

function toCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'bigint' ? Number(v) : v));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  return JSON.stringify(value);
}
