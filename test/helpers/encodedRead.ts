import { readDelimited } from '../../src/core/data/csv';
import { readParquet } from '../../src/core/data/parquet';
import { encodeTable } from '../../src/core/data/encode';
import { valuesKey } from './valuesKey';

/** Everything a reader produces, with the feature matrix as its bytes. */
export function encoded(result: Awaited<ReturnType<typeof readDelimited>>) {
  const { X, y, ...rest } = encodeTable(result.table);
  const { columns, ...table } = result.table;
  return {
    X: valuesKey(X),
    y: Array.from(y),
    ...rest,
    ...table,
    columns: columns.map((c) => ({ ...c, values: 'values' in c ? valuesKey(c.values) : undefined })),
    reading: result.reading,
  };
}

/** Everything the reader and encoder produce, typed arrays by their type and bytes. */
export function everything(result: Awaited<ReturnType<typeof readParquet>>): unknown {
  const { X, y, ...rest } = encodeTable(result.table);
  const { columns, ...table } = result.table;
  return { X: valuesKey(X), y: valuesKey(y), ...rest, ...table, columns: columns.map((c) => ({ ...c, values: 'values' in c ? valuesKey(c.values) : undefined })), reading: result.reading };
}
