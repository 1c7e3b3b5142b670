import type { ColumnMetaData, DecodedArray, PageHeader, SchemaElement, SchemaTree } from 'hyparquet';
import { writeDictionaryIndices } from './dictionaryIndices';
import { CellValue } from './tableBuilder';

/** The parts of hyparquet's column-level API the dense path decodes pages with. */
export interface PageDecoder {
  parquetHeader: typeof import('hyparquet/src/column.js').parquetHeader;
  readPage: typeof import('hyparquet/src/column.js').readPage;
  decompressPage: typeof import('hyparquet/src/datapage.js').decompressPage;
  readDataPage: typeof import('hyparquet/src/datapage.js').readDataPage;
  readDataPageV2: typeof import('hyparquet/src/datapage.js').readDataPageV2;
  convert: typeof import('hyparquet/src/convert.js').convert;
  convertWithDictionary: typeof import('hyparquet/src/convert.js').convertWithDictionary;
  readPlain: typeof import('hyparquet/src/plain.js').readPlain;
  DEFAULT_PARSERS: typeof import('hyparquet/src/convert.js').DEFAULT_PARSERS;
}

export async function loadPageDecoder(): Promise<PageDecoder> {
  const [column, datapage, convert, plain] = await Promise.all([
    import('hyparquet/src/column.js'),
    import('hyparquet/src/datapage.js'),
    import('hyparquet/src/convert.js'),
    import('hyparquet/src/plain.js'),
  ]);
  return {
    parquetHeader: column.parquetHeader,
    readPage: column.readPage,
    decompressPage: datapage.decompressPage,
    readDataPage: datapage.readDataPage,
    readDataPageV2: datapage.readDataPageV2,
    convert: convert.convert,
    convertWithDictionary: convert.convertWithDictionary,
    readPlain: plain.readPlain,
    DEFAULT_PARSERS: convert.DEFAULT_PARSERS,
  };
}

type ColumnDecoder = Parameters<PageDecoder['readPage']>[2];

const DENSE_TYPES = new Set(['INT32', 'INT64', 'FLOAT', 'DOUBLE']);

/**
 * A flat column whose values are plain numbers as the general path reads them: a numeric physical
 * type with no converted or logical type other than an integer width (dates, decimals, timestamps
 * and float16 take the general path).
 */
export function isDenseColumn(node: SchemaTree): boolean {
  const { type, converted_type, logical_type, repetition_type } = node.element;
  if (node.children.length > 0 || repetition_type === 'REPEATED' || !type || !DENSE_TYPES.has(type)) return false;
  if (converted_type && !/^U?INT_(8|16|32|64)$/.test(converted_type)) return false;
  return !logical_type || logical_type.type === 'INTEGER';
}

/**
 * Where one row group's dense columns are written: row r's value of column c at values[r * stride + c],
 * NaN for a missing or non-finite value, whose original cell (null, NaN, ±Infinity) is kept in `odd`
 * by that index.
 */
export interface DenseBlock {
  values: Float64Array;
  stride: number;
  odd: Map<number, CellValue>;
  /** 1 for a row with an entry in `odd`. */
  oddRows: Uint8Array;
}

/**
 * Decode one column chunk into column `c` of `block`: pages read with hyparquet's page functions and
 * scattered straight into the rows, without hyparquet's per-row list assembly. A v2 page without
 * nulls skips its definition levels.
 */
export function decodeDenseChunk(hp: PageDecoder, bytes: DataView, meta: ColumnMetaData, schemaPath: SchemaTree[], rows: number, block: DenseBlock, c: number, compressors: unknown): void {
  const element = schemaPath[schemaPath.length - 1].element;
  const decoder = { pathInSchema: meta.path_in_schema, element, schemaPath, type: meta.type, codec: meta.codec, compressors, parsers: hp.DEFAULT_PARSERS } as unknown as ColumnDecoder;
  const maxDefinition = element.repetition_type === 'REQUIRED' ? 0 : 1;
  const reader = { view: bytes, offset: 0 };
  let dictionary: DecodedArray | undefined;
  // The dictionary as numbers, when every entry is finite: indices then go straight to the block.
  let numbers: Float64Array | undefined;
  let row = 0;
  while (row < rows && reader.offset < bytes.byteLength) {
    const header = hp.parquetHeader(reader);
    if (header.type === 'DICTIONARY_PAGE') {
      const { data } = hp.readPage(reader, header, decoder, undefined, undefined, 0);
      if (data) dictionary = hp.convert(data, decoder);
      numbers = dictionary && finiteNumbers(dictionary);
      continue;
    }
    const page = new Uint8Array(bytes.buffer, bytes.byteOffset + reader.offset, header.compressed_page_size);
    reader.offset += header.compressed_page_size;
    const count = header.data_page_header_v2 ? Math.min(header.data_page_header_v2.num_rows, rows - row) : 0;
    if (numbers && count > 0 && writeDictionaryPage(hp, page, header, decoder, numbers, block, row * block.stride + c, count)) {
      row += count;
      continue;
    }
    const decoded = decodePage(hp, page, header, decoder, element, dictionary);
    if (!decoded) continue;
    scatter(decoded.values, decoded.definitionLevels, maxDefinition, block, c, row, Math.min(decoded.rows, rows - row));
    row += decoded.rows;
  }
  if (row < rows) throw new Error(`column "${meta.path_in_schema.join('.')}" has ${row} values for ${rows} rows`);
}

/** A dictionary of numbers that are all finite, as a Float64Array; otherwise undefined. */
function finiteNumbers(dictionary: DecodedArray): Float64Array | undefined {
  const out = new Float64Array(dictionary.length);
  for (let k = 0; k < dictionary.length; k++) {
    const raw = dictionary[k];
    const n = typeof raw === 'bigint' ? Number(raw) : (raw as number);
    if (typeof n !== 'number' || n - n !== 0) return undefined;
    out[k] = n;
  }
  return out;
}

/** A v2 page of dictionary indices without nulls, written into the block; false for any other page. */
function writeDictionaryPage(hp: PageDecoder, bytes: Uint8Array, header: PageHeader, decoder: ColumnDecoder, dictionary: Float64Array, block: DenseBlock, at: number, count: number): boolean {
  const v2 = header.data_page_header_v2!;
  const indexed = v2.encoding === 'RLE_DICTIONARY' || v2.encoding === 'PLAIN_DICTIONARY';
  if (!indexed || v2.num_nulls !== 0 || v2.repetition_levels_byte_length || v2.num_values !== v2.num_rows) return false;
  const page = valuesOfPageV2(hp, bytes, header, decoder);
  if (page.length === 0 || page[0] > 24) return false;
  writeDictionaryIndices(page, 1, page.length, page[0], dictionary, count, block.values, at, block.stride);
  return true;
}

/** A v2 page's value bytes, after its levels, decompressed. */
function valuesOfPageV2(hp: PageDecoder, bytes: Uint8Array, header: PageHeader, decoder: ColumnDecoder): Uint8Array {
  const v2 = header.data_page_header_v2!;
  const levels = v2.definition_levels_byte_length + v2.repetition_levels_byte_length;
  const size = header.uncompressed_page_size - levels;
  const page = bytes.subarray(levels);
  return v2.is_compressed !== false && size ? hp.decompressPage(page, size, decoder.codec, decoder.compressors) : page;
}

function decodePage(
  hp: PageDecoder,
  bytes: Uint8Array,
  header: PageHeader,
  decoder: ColumnDecoder,
  element: SchemaElement,
  dictionary: DecodedArray | undefined,
): { values: DecodedArray; definitionLevels: number[] | undefined; rows: number } | undefined {
  if (header.type === 'DATA_PAGE' && header.data_page_header) {
    const daph = header.data_page_header;
    const page = hp.decompressPage(bytes, Number(header.uncompressed_page_size), decoder.codec, decoder.compressors);
    const { definitionLevels, dataPage } = hp.readDataPage(page, daph, decoder);
    return { values: hp.convertWithDictionary(dataPage, dictionary, daph.encoding, decoder), definitionLevels, rows: daph.num_values };
  }
  if (header.type === 'DATA_PAGE_V2' && header.data_page_header_v2) {
    const v2 = header.data_page_header_v2;
    if (v2.num_nulls === 0 && v2.encoding === 'PLAIN' && !v2.repetition_levels_byte_length) {
      const page = valuesOfPageV2(hp, bytes, header, decoder);
      const plain = hp.readPlain({ view: new DataView(page.buffer, page.byteOffset, page.byteLength), offset: 0 }, decoder.type, v2.num_values, element.type_length);
      return { values: hp.convert(plain, decoder), definitionLevels: undefined, rows: v2.num_rows };
    }
    const { definitionLevels, dataPage } = hp.readDataPageV2(bytes, header, decoder);
    return { values: hp.convertWithDictionary(dataPage, dictionary, v2.encoding, decoder), definitionLevels, rows: v2.num_rows };
  }
  return undefined;
}

function scatter(values: DecodedArray, definitionLevels: number[] | undefined, maxDefinition: number, block: DenseBlock, c: number, row: number, count: number): void {
  const { values: out, stride, odd, oddRows } = block;
  const levels = definitionLevels && definitionLevels.length > 0 ? definitionLevels : undefined;
  let at = row * stride + c;
  for (let i = 0, v = 0; i < count; i++, at += stride) {
    if (levels !== undefined && levels[i] !== maxDefinition) {
      out[at] = NaN;
      odd.set(at, null);
      oddRows[row + i] = 1;
      continue;
    }
    const raw = values[v++];
    const n = typeof raw === 'bigint' ? Number(raw) : (raw as number);
    if (n - n === 0) out[at] = n;
    else {
      out[at] = NaN;
      odd.set(at, n);
      oddRows[row + i] = 1;
    }
  }
}
