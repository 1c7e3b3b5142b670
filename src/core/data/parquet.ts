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
  const cells: CellValue[] = new Array(names.length);
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const columnValues = await readRowGroup(file, { buffer, metadata, compressors, parquetRead }, names, rowStart, rowEnd);
    for (let r = 0; r < rowEnd - rowStart; r++) {
      // Numbers go to the builder as they are (its fast path); only other values are converted.
      for (let c = 0; c < names.length; c++) {
        const v = columnValues[c][r];
        if (typeof v === 'number' && Number.isFinite(v)) {
          numbers[c] = v;
          cells[c] = v;
        } else {
          numbers[c] = NaN;
          cells[c] = toCell(v);
        }
      }
      builder.add(cells, rowStart + r + 1, numbers);
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

interface Reader {
  buffer: unknown;
  metadata: unknown;
  compressors: unknown;
  parquetRead: (options: never) => Promise<void>;
}

/**
 * One row group's columns, each as one array indexed by row within the group. Read column-wise
 * (onChunk) rather than as row arrays: no array per row for a table hundreds of columns wide.
 */
async function readRowGroup(file: string, reader: Reader, names: string[], rowStart: number, rowEnd: number): Promise<Array<ArrayLike<unknown>>> {
  const rows = rowEnd - rowStart;
  const chunks = new Map<string, Array<{ rowStart: number; data: ArrayLike<unknown> }>>();
  const onChunk = (chunk: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number }) => {
    const list = chunks.get(chunk.columnName) ?? [];
    list.push({ rowStart: chunk.rowStart, data: chunk.columnData });
    chunks.set(chunk.columnName, list);
  };
  try {
    await reader.parquetRead({ file: reader.buffer, metadata: reader.metadata, rowStart, rowEnd, compressors: reader.compressors, onChunk } as never);
  } catch (err) {
    throw new InputError(`cannot read Parquet rows ${rowStart + 1}-${rowEnd} (${(err as Error).message})`, file);
  }
  return names.map((name) => {
    const list = chunks.get(name) ?? [];
    if (list.length === 1 && list[0].rowStart === rowStart && list[0].data.length === rows) return list[0].data;
    const joined = new Array<unknown>(rows).fill(null);
    for (const { rowStart: from, data } of list) {
      for (let k = 0; k < data.length; k++) {
        const r = from - rowStart + k;
        if (r >= 0 && r < rows) joined[r] = data[k];
      }
    }
    return joined;
  });
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
