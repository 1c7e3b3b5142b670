import { InputError } from '../errors';
import { blockMeanStd } from './blockStats';
import { NumberArray } from './growableNumbers';
import { MAX_CATEGORIES, describeColumn } from './columns';
import { FeatureColumn } from './dataset';
import { ColumnData, ParsedTable } from './tableBuilder';
import { TEXT_BUCKETS, hashText } from './textFeatures';

/** How each column was encoded: JSON-serialisable, so a test file can be encoded the same way. */
export interface EncoderState {
  columns: EncodedColumn[];
  classes: string[];
  labelColumn: string;
  idColumn: string | null;
  /** A continuous label binned with --bins: the inner bin edges, reused for a test file. */
  labelEdges?: number[];
}

type EncodedColumn =
  | { name: string; kind: 'numeric'; mean: number; std: number }
  | { name: string; kind: 'array'; width: number; mean: number[]; std: number[] }
  | { name: string; kind: 'categorical'; categories: string[] }
  | { name: string; kind: 'bag'; categories: string[] }
  | { name: string; kind: 'text' }
  | { name: string; kind: 'dropped'; note: string };

export const OTHER_CATEGORY = '(other)';
export const MISSING_CATEGORY = '(missing)';

export interface EncodedTable {
  X: Float32Array;
  numFeatures: number;
  y: Int32Array;
  classes: string[];
  columns: FeatureColumn[];
  missingValues: number;
  encoder: EncoderState;
}

/** Fit the encoding on this table (or reuse `fitted`) and produce the feature matrix and labels. */
export function encodeTable(table: ParsedTable, fitted?: EncoderState): EncodedTable {
  const encoder = fitted ?? fitEncoder(table);
  const n = table.ids.length;
  const widths = encoder.columns.map(widthOf);
  const numFeatures = widths.reduce((a, b) => a + b, 0);
  if (numFeatures === 0) {
    const dropped = table.columns.filter((c) => c.kind === 'dropped' && c.name !== table.labelColumn && c.name !== table.idColumn);
    throw new InputError(`no feature columns left${dropped.length ? ` (dropped: ${dropped.map((c) => c.name).join(', ')})` : ''}`, table.file);
  }
  const X = new Float32Array(n * numFeatures);
  let offset = 0;
  const numeric: NumericTarget[] = [];
  encoder.columns.forEach((spec, c) => {
    const data = fitted ? matchColumn(table, spec.name) : table.columns[c];
    if (spec.kind === 'numeric') {
      const column = data as Extract<ColumnData, { kind: 'numeric' }>;
      numeric.push({ values: column.values, start: column.offset, step: column.stride, mean: spec.mean, std: spec.std, offset });
    }
    else writeColumn(spec, data, X, numFeatures, offset, n);
    offset += widths[c];
  });
  writeNumericColumns(numeric, X, numFeatures, n);
  const classIndex = new Map(encoder.classes.map((label, k) => [label, k]));
  const y = new Int32Array(n);
  table.labels.forEach((label, i) => {
    const k = classIndex.get(label);
    if (k === undefined) throw new InputError(`label "${label}" does not occur in the training data`, table.file, table.lines[i], table.labelColumn);
    y[i] = k;
  });
  const columns = encoder.columns.map((spec, c) => {
    const data = fitted ? matchColumn(table, spec.name) : table.columns[c];
    return describeColumn(spec.name, spec.kind, widths[c], data.missing, spec.kind === 'dropped' ? spec.note : data.note);
  }).filter((c) => c.name !== table.labelColumn && c.name !== table.idColumn);
  const missingValues = columns.reduce((s, c) => s + c.missing, 0);
  return { X, numFeatures, y, classes: encoder.classes, columns, missingValues, encoder };
}

function fitEncoder(table: ParsedTable): EncoderState {
  const classes = sortLabels([...new Set(table.labels)]);
  if (classes.length < 2) {
    throw new InputError(`only one class "${classes[0]}" in label column "${table.labelColumn}": need at least two`, table.file);
  }
  const blocks = new Map<NumberArray, ReturnType<typeof blockMeanStd>>();
  for (const column of table.columns) {
    if (column.kind === 'numeric' && column.stride > 1 && !blocks.has(column.values)) blocks.set(column.values, blockMeanStd(column.values, column.stride));
  }
  return { columns: table.columns.map((c) => fitColumn(c, blocks)), classes, labelColumn: table.labelColumn, idColumn: table.idColumn };
}

function fitColumn(column: ColumnData, blocks: Map<NumberArray, ReturnType<typeof blockMeanStd>>): EncodedColumn {
  switch (column.kind) {
    case 'numeric': {
      const block = blocks.get(column.values);
      const { mean, std } = block ? { mean: block.mean[column.offset], std: block.std[column.offset] } : meanStd(column.values, 0, 1);
      return { name: column.name, kind: 'numeric', mean, std };
    }
    case 'array': {
      const n = column.values.length / column.width;
      const mean: number[] = [];
      const std: number[] = [];
      for (let j = 0; j < column.width; j++) {
        const s = meanStd(column.values, j, column.width, n);
        mean.push(s.mean);
        std.push(s.std);
      }
      return { name: column.name, kind: 'array', width: column.width, mean, std };
    }
    case 'categorical':
      return { name: column.name, kind: 'categorical', categories: firstCategories(column.values.map((v) => (v === '' ? MISSING_CATEGORY : v))) };
    case 'bag':
      return { name: column.name, kind: 'bag', categories: firstCategories(column.values.flat()) };
    case 'text':
      return { name: column.name, kind: 'text' };
    case 'dropped':
      return { name: column.name, kind: 'dropped', note: column.note };
  }
}

interface NumericTarget {
  /** Row i's value is values[start + i * step]. */
  values: ArrayLike<number>;
  start: number;
  step: number;
  mean: number;
  std: number;
  offset: number;
}

/** Rows per tile: wide numeric tables are written a block of rows at a time, which keeps the writes to X in cache. */
const ROW_BLOCK = 64;

function writeNumericColumns(columns: NumericTarget[], X: Float32Array, stride: number, n: number): void {
  if (columns.length > 0 && columns.every((t) => t.values === columns[0].values && t.step > 1)) {
    // One row-major block (an all-numeric table): read and write row by row.
    const { values, step } = columns[0];
    const width = columns.length;
    const first = Int32Array.from(columns, (t) => t.start);
    const offset = Int32Array.from(columns, (t) => t.offset);
    const mean = Float64Array.from(columns, (t) => t.mean);
    const std = Float64Array.from(columns, (t) => t.std);
    for (let i = 0; i < n; i++) {
      const row = i * step;
      const out = i * stride;
      for (let j = 0; j < width; j++) {
        const v = values[row + first[j]];
        // Missing values and constant columns encode as 0, as in the columnar loop below.
        X[out + offset[j]] = v === v && std[j] > 0 ? (v - mean[j]) / std[j] : 0;
      }
    }
    return;
  }
  for (let start = 0; start < n; start += ROW_BLOCK) {
    const end = Math.min(n, start + ROW_BLOCK);
    for (const { values, start: first, step, mean, std, offset } of columns) {
      for (let i = start; i < end; i++) {
        const v = values[first + i * step];
        // Missing values are imputed with the mean: zero after standardisation.
        X[i * stride + offset] = v === v && std > 0 ? (v - mean) / std : 0;
      }
    }
  }
}

function writeColumn(spec: EncodedColumn, data: ColumnData, X: Float32Array, stride: number, offset: number, n: number): void {
  switch (spec.kind) {
    case 'numeric':
      throw new Error('numeric columns are written by writeNumericColumns');
    case 'array': {
      const values = (data as Extract<ColumnData, { kind: 'array' }>).values;
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < spec.width; j++) {
          const v = values[i * spec.width + j];
          X[i * stride + offset + j] = spec.std[j] > 0 ? (v - spec.mean[j]) / spec.std[j] : 0;
        }
      }
      return;
    }
    case 'categorical': {
      const values = (data as Extract<ColumnData, { kind: 'categorical' }>).values;
      const index = new Map(spec.categories.map((c, k) => [c, k]));
      const other = index.get(OTHER_CATEGORY);
      for (let i = 0; i < n; i++) {
        const k = index.get(values[i] === '' ? MISSING_CATEGORY : values[i]) ?? other;
        if (k !== undefined) X[i * stride + offset + k] = 1;
      }
      return;
    }
    case 'bag': {
      const values = (data as Extract<ColumnData, { kind: 'bag' }>).values;
      const index = new Map(spec.categories.map((c, k) => [c, k]));
      const other = index.get(OTHER_CATEGORY);
      for (let i = 0; i < n; i++) {
        for (const value of values[i]) {
          const k = index.get(value) ?? other;
          if (k !== undefined) X[i * stride + offset + k] = 1;
        }
      }
      return;
    }
    case 'text': {
      const values = (data as Extract<ColumnData, { kind: 'text' }>).values;
      const row = new Float32Array(TEXT_BUCKETS);
      for (let i = 0; i < n; i++) {
        row.fill(0);
        hashText(values[i], row, 0);
        X.set(row, i * stride + offset);
      }
      return;
    }
    case 'dropped':
      return;
  }
}

/** The first MAX_CATEGORIES distinct values in order of appearance, plus "(other)" if there are more. */
function firstCategories(values: Iterable<string>): string[] {
  const seen = new Set<string>();
  let overflow = false;
  for (const value of values) {
    if (seen.has(value)) continue;
    if (seen.size < MAX_CATEGORIES) seen.add(value);
    else overflow = true;
  }
  return overflow ? [...seen, OTHER_CATEGORY] : [...seen];
}

function widthOf(spec: EncodedColumn): number {
  switch (spec.kind) {
    case 'numeric':
      return 1;
    case 'array':
      return spec.width;
    case 'categorical':
    case 'bag':
      return spec.categories.length;
    case 'text':
      return TEXT_BUCKETS;
    case 'dropped':
      return 0;
  }
}

function matchColumn(table: ParsedTable, name: string): ColumnData {
  const found = table.columns.find((c) => c.name === name);
  if (!found) throw new InputError(`column "${name}" of the training data is missing (columns: ${table.columns.map((c) => c.name).join(', ')})`, table.file);
  return found;
}

function meanStd(values: ArrayLike<number>, start: number, step: number, count = Math.ceil((values.length - start) / step)): { mean: number; std: number } {
  let sum = 0;
  let n = 0;
  for (let k = 0, i = start; k < count; k++, i += step) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      n++;
    }
  }
  const mean = n ? sum / n : 0;
  let sq = 0;
  for (let k = 0, i = start; k < count; k++, i += step) if (Number.isFinite(values[i])) sq += (values[i] - mean) ** 2;
  return { mean, std: n ? Math.sqrt(sq / n) : 0 };
}

/** Numeric labels sort as numbers (2 before 10), others as text. */
export function sortLabels(labels: string[]): string[] {
  const numeric = labels.every((l) => Number.isFinite(Number(l)) && l.trim() !== '');
  return numeric ? [...labels].sort((a, b) => Number(a) - Number(b)) : [...labels].sort();
}
