import { InputError } from '../errors';
import { JobContext, breathe, report, throwIfCancelled } from '../progress';
import { TableReadOptions } from './csv';
import { ReadingInfo } from './readingInfo';
import { ColumnSelection, selectColumns } from './selectColumns';
import type { RowGroup } from 'hyparquet';
import { DenseBlock, PageDecoder, decodeDenseChunk, isDenseColumn, loadPageDecoder } from './parquetDense';
import { DenseRows } from './parquetRows';
import { ParsedTable, TableBuilder } from './tableBuilder';

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
  const opened = await openParquet(file, options);
  const builder = new TableBuilder(file, opened.names, opened.selection.labelIndex, opened.selection.idIndex, options.fixedKinds);
  builder.expectedRows = options.limit ? Math.min(opened.total, options.limit) : opened.total;
  await readRowGroups(opened, builder, 0, opened.metadata.row_groups.length, options, ctx);
  return { table: builder.finish(), reading: parquetReading(opened, builder) };
}

export function parquetReading(opened: OpenedParquet, builder: TableBuilder): ReadingInfo {
  return { compression: 'none', infiniteValues: builder.infiniteValues, notes: [`${opened.metadata.row_groups.length} row group(s)`] };
}

/** A Parquet file's metadata and schema, its label and id columns, and how its feature columns are read. */
export interface OpenedParquet {
  file: string;
  metadata: { num_rows: bigint | number; row_groups: RowGroup[] };
  tree: SchemaNode;
  names: string[];
  selection: ColumnSelection;
  total: number;
  features: number[];
  /** The columns read through hyparquet's parquetRead: all, or only those outside the dense block. */
  side: string[];
  /** Set when every feature column takes the dense path. */
  hp?: PageDecoder;
  reader: Reader;
}

export async function openParquet(file: string, options: TableReadOptions): Promise<OpenedParquet> {
  const { asyncBufferFromFile, parquetMetadataAsync, parquetRead, parquetSchema } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  const buffer = await asyncBufferFromFile(file);
  let metadata: Awaited<ReturnType<typeof parquetMetadataAsync>>;
  try {
    metadata = await parquetMetadataAsync(buffer);
  } catch (err) {
    throw new InputError(`not a readable Parquet file (${(err as Error).message})`, file);
  }
  const tree = parquetSchema(metadata) as unknown as SchemaNode;
  const columns = tree.children;
  columns.forEach((node) => refuseNested(node, file));
  const names = columns.map((c) => c.element.name);
  const selection = selectColumns(names, options, file);
  const features = names.flatMap((_, c) => (c === selection.labelIndex || c === selection.idIndex ? [] : [c]));
  const dense = !options.generalPath && features.length > 0 && features.every((c) => isDenseColumn(columns[c] as never));
  const side = dense ? names.filter((_, c) => !features.includes(c)) : names;
  const hp = dense ? await loadPageDecoder() : undefined;
  const reader: Reader = { buffer, metadata, compressors, parquetRead };
  return { file, metadata, tree, names, selection, total: Number(metadata.num_rows), features, side, hp, reader };
}

/** Row groups [from, to) into `builder`, each row with its 1-based row number in the file as its line. */
export async function readRowGroups(opened: OpenedParquet, builder: TableBuilder, from: number, to: number, options: TableReadOptions, ctx?: JobContext): Promise<void> {
  const { file, metadata, tree, names, features, side, hp, reader, total } = opened;
  const rows = new DenseRows(names, features);
  const groups = metadata.row_groups.slice(from, to);
  // One block for every row group, sized for the largest: fresh memory for each would be paged in again.
  const largest = Math.max(0, ...groups.map((g) => Number(g.num_rows)));
  const block: DenseBlock | undefined = hp ? { values: new Float64Array(largest * names.length), stride: names.length, odd: new Map(), oddRows: new Uint8Array(largest) } : undefined;
  let rowStart = metadata.row_groups.slice(0, from).reduce((sum, g) => sum + Number(g.num_rows), 0);
  for (const group of groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const sideValues = await readRowGroup(file, reader, side, rowStart, rowEnd);
    const columnValues = names.map((name) => sideValues[side.indexOf(name)]);
    if (hp && block) await readDenseGroup(file, hp, reader, tree, group, features, rowStart, block);
    for (let r = 0; r < rowEnd - rowStart; r++) {
      if (block) rows.fromBlock(block, r, columnValues, builder.denseColumns);
      else rows.fromColumns(columnValues, r);
      builder.add(rows.cells, rowStart + r + 1, rows.numbers);
      if (options.limit && builder.rowCount >= options.limit) break;
    }
    rowStart = rowEnd;
    if (options.limit && builder.rowCount >= options.limit) break;
    report(ctx, 'reading', Math.min(0.99, rowStart / Math.max(1, total)));
    throwIfCancelled(ctx);
    await breathe();
  }
}

/** One row group's dense feature columns decoded into the rows of `block` (see decodeDenseChunk). */
async function readDenseGroup(file: string, hp: PageDecoder, reader: Reader, tree: SchemaNode, group: RowGroup, features: number[], rowStart: number, block: DenseBlock): Promise<void> {
  const rows = Number(group.num_rows);
  const chunks = features.map((c) => group.columns[c].meta_data!);
  const starts = chunks.map((m) => Number(m.dictionary_page_offset || m.data_page_offset));
  const from = Math.min(...starts);
  const to = Math.max(...chunks.map((m, k) => starts[k] + Number(m.total_compressed_size)));
  const bytes = (await (reader.buffer as { slice(a: number, b: number): Promise<ArrayBuffer> | ArrayBuffer }).slice(from, to)) as ArrayBuffer;
  block.odd.clear();
  block.oddRows.fill(0);
  features.forEach((c, k) => {
    const node = tree.children[c];
    try {
      decodeDenseChunk(hp, new DataView(bytes, starts[k] - from, Number(chunks[k].total_compressed_size)), chunks[k], [tree, node] as never, rows, block, c, reader.compressors);
    } catch (err) {
      throw new InputError(`cannot read Parquet rows ${rowStart + 1}-${rowStart + rows} (${(err as Error).message})`, file, undefined, node.element.name);
    }
  });
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
    await reader.parquetRead({ file: reader.buffer, metadata: reader.metadata, columns: names, rowStart, rowEnd, compressors: reader.compressors, onChunk } as never);
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
