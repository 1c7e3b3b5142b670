import { DenseBlock } from './parquetDense';
import { CellValue } from './tableBuilder';

/**
 * The record TableBuilder.add reads for one Parquet row, refilled in place: from one array per
 * column (the general path), or from a dense block plus the label and id columns. Numbers go as
 * they are (the builder's fast path); other values are converted to cells.
 */
export class DenseRows {
  readonly cells: CellValue[];
  numbers: Float64Array;
  private readonly row: Float64Array;

  constructor(
    names: string[],
    /** The columns a dense block holds. */
    private readonly features: number[],
  ) {
    this.cells = new Array(names.length);
    this.row = new Float64Array(names.length);
    this.numbers = this.row;
  }

  fromColumns(columnValues: Array<ArrayLike<unknown>>, r: number): void {
    this.numbers = this.row;
    for (let c = 0; c < columnValues.length; c++) {
      const v = columnValues[c][r];
      this.row[c] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
      this.cells[c] = toCell(v);
    }
  }

  /**
   * Row r of `block`, its other columns from `columnValues`. With `denseColumns` (the builder stores
   * the block as it is) only the cells it reads are filled: previews, and every cell of a row with a
   * missing or non-finite value.
   */
  fromBlock(block: DenseBlock, r: number, columnValues: Array<ArrayLike<unknown> | undefined>, denseColumns: readonly number[] | undefined): void {
    const base = r * block.stride;
    this.numbers = block.values.subarray(base, base + block.stride);
    for (let c = 0; c < columnValues.length; c++) {
      const column = columnValues[c];
      if (column !== undefined) this.cells[c] = toCell(column[r]);
    }
    const all = denseColumns === undefined || block.oddRows[r] === 1;
    const filled = all ? this.features : denseColumns.slice(0, PREVIEW_COLUMNS);
    for (const c of filled) {
      const v = block.values[base + c];
      this.cells[c] = v === v ? v : (block.odd.get(base + c) ?? null);
    }
  }
}

/** Columns in a row's preview (TableBuilder). */
const PREVIEW_COLUMNS = 4;

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
