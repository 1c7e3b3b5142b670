import { InputError } from '../errors';
import { TYPE_SAMPLE_ROWS, inferKind, isInfinite, isMissing, parseNumber } from './columns';
import { RowHasher } from './hash';
import { BagDecision, bagValues, decideArrayKind } from './arrayFields';
import { GrowableNumbers, NumberArray } from './growableNumbers';

/** One input column's values after streaming, before encoding. */
export type ColumnData = (
  // Row i's value is values[offset + i * stride]: a column of its own (stride 1), or one column of a
  // row-major block shared by all the numeric columns of an all-numeric table.
  | { name: string; kind: 'numeric'; values: NumberArray; stride: number; offset: number; missing: number }
  | { name: string; kind: 'categorical'; values: string[]; missing: number }
  | { name: string; kind: 'text'; values: string[]; missing: number }
  | { name: string; kind: 'array'; width: number; values: number[]; missing: number }
  | { name: string; kind: 'bag'; values: string[][]; missing: number }
  | { name: string; kind: 'dropped'; note: string; missing: number }
) & { note?: string };

export interface ParsedTable {
  file: string;
  labelColumn: string;
  idColumn: string | null;
  ids: string[];
  labels: string[];
  lines: number[];
  columns: ColumnData[];
  contentHashes: string[];
  previews: string[];
}

export type CellValue = string | number | boolean | null | undefined | unknown[];

interface PendingRecord {
  cells: CellValue[];
  line: number;
  /** Delimited files: each field's value when the tokenizer saw a plain number, else NaN. */
  numbers?: Float64Array;
}

/**
 * Collects records from a streaming reader (CSV or JSONL). The first rows are buffered to decide
 * each column's kind; afterwards every row goes straight into compact per-column storage, so the
 * file's text is never held in memory.
 */
export class TableBuilder {
  private readonly pending: PendingRecord[] = [];
  private columns: ColumnData[] | undefined;
  /** Indices of the columns that are not dropped, once kinds are decided. */
  private kept: number[] = [];
  /** Numeric columns' values while streaming, by column index. */
  private numeric: Array<GrowableNumbers | undefined> = [];
  private readonly hasher = new RowHasher();
  /** All-numeric tables: every feature value, row-major (see storeDense). */
  private dense: GrowableNumbers | undefined;
  /** A reader's estimate of the row count, so that numeric columns are allocated once. */
  expectedRows = 1024;
  private readonly ids: string[] = [];
  private readonly labels: string[] = [];
  private readonly lines: number[] = [];
  private readonly contentHashes: string[] = [];
  private readonly previews: string[] = [];
  private readonly idLines = new Map<string, number>();
  /** Numeric cells spelled as infinity, read as missing. */
  infiniteValues = 0;

  constructor(
    private readonly file: string,
    private readonly names: string[],
    private readonly labelIndex: number,
    private readonly idIndex: number,
    /** Kinds fixed in advance (a test file is read the way its training file was). */
    private readonly fixedKinds?: Map<string, ColumnData['kind']>,
    /** A part of a file read in parallel: the columns another builder decided, and shared memory for the dense block. */
    decided?: { columns: ColumnData[]; denseTarget: Float32Array },
  ) {
    if (decided) this.useColumns(decided.columns, decided.denseTarget);
  }

  /** The decided columns without their values, for builders of other parts of the same file. */
  get layout(): ColumnData[] | undefined {
    return this.columns?.map(columnShell);
  }

  /** Dense tables: whether every value so far was exactly a float32 (the block was not widened). */
  get denseIsFloat32(): boolean {
    return this.dense?.isFloat32 ?? false;
  }

  get rowCount(): number {
    return this.ids.length + this.pending.length;
  }

  /**
   * Once the kinds are decided, for an all-numeric table stored as one row-major block: the feature
   * columns. add() then reads only the label, the id, the first four of these (previews) and the
   * `numbers` of the rest, except for a row with a NaN in `numbers`, whose cells it reads too.
   */
  get denseColumns(): readonly number[] | undefined {
    return this.dense ? this.kept : undefined;
  }

  /** Add a record. The tokenizer reuses `cells` and `numbers`, so they are copied while buffered. */
  add(cells: CellValue[], line: number, numbers?: Float64Array): void {
    if (this.columns) this.store({ cells, line, numbers });
    else {
      this.pending.push({ cells: cells.slice(0, this.names.length), line, numbers: numbers?.slice(0, this.names.length) });
      if (this.pending.length >= TYPE_SAMPLE_ROWS) this.decideKinds();
    }
  }

  finish(): ParsedTable {
    if (!this.columns) this.decideKinds();
    const block = this.dense?.toArray();
    this.columns!.forEach((column, c) => {
      if (column.kind !== 'numeric') return;
      if (block) Object.assign(column, { values: block, stride: this.kept.length, offset: this.kept.indexOf(c) });
      else column.values = this.numeric[c]!.toArray();
    });
    if (this.ids.length === 0) throw new InputError('no data rows after the header', this.file);
    return {
      file: this.file,
      labelColumn: this.names[this.labelIndex],
      idColumn: this.idIndex >= 0 ? this.names[this.idIndex] : null,
      ids: this.ids,
      labels: this.labels,
      lines: this.lines,
      columns: this.columns!,
      contentHashes: this.contentHashes,
      previews: this.previews,
    };
  }

  private decideKinds(): void {
    this.columns = this.names.map((name, c): ColumnData => {
      if (c === this.labelIndex || c === this.idIndex) return { name, kind: 'dropped', note: 'label or id', missing: 0 };
      const sample = this.pending.map((r) => r.cells[c]);
      const fixed = this.fixedKinds?.get(name);
      if (fixed === 'array') return { name, kind: 'array', width: (sample.find(Array.isArray) as number[] | undefined)?.length ?? 0, values: [], missing: 0 };
      if (fixed) return emptyColumn(name, fixed);
      const arrays = sample.filter(Array.isArray) as unknown[][];
      if (arrays.length > 0) return arrayColumn(name, decideArrayKind(arrays, sample.length - arrays.length));
      const inferred = inferKind(sample.map((v) => (isMissingValue(v) ? undefined : String(v))));
      const mixed = mixedTypesNote(sample);
      if (mixed && inferred.kind === 'numeric') return emptyColumn(name, 'categorical', `${mixed}: categorical`);
      return emptyColumn(name, inferred.kind, mixed ? `${mixed}: ${inferred.kind}${inferred.note ? ` (${inferred.note})` : ''}` : inferred.note);
    });
    this.useColumns(this.columns);
    for (const record of this.pending.splice(0)) this.store(record);
  }

  private useColumns(columns: ColumnData[], denseTarget?: Float32Array): void {
    this.columns = columns;
    this.kept = columns.flatMap((column, c) => (column.kind === 'dropped' ? [] : [c]));
    const contiguous = this.kept.length > 1 && this.kept[this.kept.length - 1] - this.kept[0] === this.kept.length - 1;
    if (contiguous && this.kept.every((c) => columns[c].kind === 'numeric')) {
      this.dense = denseTarget ? GrowableNumbers.over(denseTarget) : new GrowableNumbers(this.expectedRows * this.kept.length, true);
    } else if (denseTarget) throw new Error('a dense block for a table that is not all numeric');
    else this.numeric = columns.map((column) => (column.kind === 'numeric' ? new GrowableNumbers(this.expectedRows) : undefined));
  }

  private store({ cells, line, numbers }: PendingRecord): void {
    const label = cells[this.labelIndex];
    if (isMissingValue(label)) throw new InputError(`missing label in column "${this.names[this.labelIndex]}"`, this.file, line, this.names[this.labelIndex]);
    const id = this.idIndex >= 0 ? cells[this.idIndex] : String(this.ids.length + 1);
    if (isMissingValue(id)) throw new InputError(`missing id in column "${this.names[this.idIndex]}"`, this.file, line, this.names[this.idIndex]);
    const idText = String(id).trim();
    const firstLine = this.idLines.get(idText);
    if (firstLine !== undefined) throw duplicateIdError(this.file, idText, firstLine, line);
    this.idLines.set(idText, line);
    const columns = this.columns!;
    const kept = this.kept;
    const hasher = this.hasher;
    const numeric = this.numeric;
    hasher.start();
    if (this.dense) this.storeDense(cells, numbers, line);
    else for (let k = 0; k < kept.length; k++) {
      const c = kept[k];
      const value = cells[c];
      const target = numeric[c];
      if (target !== undefined) {
        // Fast path: a plain number the tokenizer already converted. Duplicates compare values, not spellings.
        let v = numbers !== undefined ? numbers[c] : NaN;
        if (v !== v) v = this.numericCell(columns[c], value, line);
        target.push(v);
        hasher.addNumber(v);
        continue;
      }
      const column = columns[c];
      hasher.add(typeof value === 'string' ? value : Array.isArray(value) ? value.join(',') : String(value ?? ''));
      this.storeCell(column, value, line);
    }
    const preview = kept.slice(0, 4).map((c) => `${columns[c].name}=${truncate(previewOf(cells[c]), 40)}`);
    this.ids.push(idText);
    this.labels.push(String(label).trim());
    this.lines.push(line);
    this.contentHashes.push(hasher.digest());
    this.previews.push(truncate(preview.join(', '), 120));
  }

  /**
   * An all-numeric table whose feature columns are side by side (label and id at either end, the
   * Kaggle layout): the row's values go into one row-major block, in one copy when all are plain.
   */
  private storeDense(cells: CellValue[], numbers: Float64Array | undefined, line: number): void {
    const block = this.dense!;
    const first = this.kept[0];
    const width = this.kept.length;
    const hasher = this.hasher;
    if (numbers !== undefined && block.pushRangeUnlessNaN(numbers, first, width)) {
      hasher.addNumbers(numbers, first, width);
      return;
    }
    for (let c = first; c < first + width; c++) {
      let v = numbers !== undefined ? numbers[c] : NaN;
      if (v !== v) v = this.numericCell(this.columns![c], cells[c], line);
      block.push(v);
      hasher.addNumber(v);
    }
  }

  /** A numeric cell that is not a plain number: missing (NaN; infinities counted), or a number in another spelling. */
  private numericCell(column: ColumnData, value: CellValue, line: number): number {
    if (isMissingValue(value)) {
      column.missing++;
      if (typeof value === 'string' ? isInfinite(value) : typeof value === 'number' && !Number.isNaN(value)) this.infiniteValues++;
      return NaN;
    }
    const n = typeof value === 'number' ? value : parseNumber(String(value));
    if (!Number.isFinite(n)) {
      throw new InputError(`value "${truncate(String(value), 40)}" is not a number in numeric column "${column.name}"`, this.file, line, column.name);
    }
    return n;
  }

  private storeCell(column: ColumnData, value: CellValue, line: number): void {
    const missing = isMissingValue(value);
    if (missing) column.missing++;
    switch (column.kind) {
      case 'categorical':
      case 'text':
        column.values.push(missing ? '' : String(value).trim());
        return;
      case 'array': {
        if (missing) throw new InputError(`missing array in field "${column.name}"`, this.file, line, column.name);
        if (!Array.isArray(value) || value.length !== column.width || value.some((v) => typeof v !== 'number' || !Number.isFinite(v))) {
          throw new InputError(`field "${column.name}" must be an array of ${column.width} numbers like the first rows`, this.file, line, column.name);
        }
        for (const v of value as number[]) column.values.push(v);
        return;
      }
      case 'bag':
        column.values.push(missing ? [] : bagValues(value));
        return;
      case 'numeric':
      case 'dropped':
        return;
    }
  }
}

export function duplicateIdError(file: string, id: string, firstLine: number, line: number): InputError {
  return new InputError(`duplicate id "${id}" on lines ${firstLine} and ${line}`, file, line);
}

/** A decided column as a new, empty one: its kind, name, note and width, no values, nothing missing. */
export function columnShell(column: ColumnData): ColumnData {
  if (column.kind === 'array') return { name: column.name, kind: 'array', width: column.width, values: [], missing: 0 };
  return emptyColumn(column.name, column.kind, column.note);
}

function emptyColumn(name: string, kind: Exclude<ColumnData['kind'], 'array'>, note?: string): ColumnData {
  if (kind === 'dropped') return { name, kind, note: note ?? 'dropped', missing: 0 };
  if (kind === 'numeric') return { name, kind, values: new Float64Array(0), stride: 1, offset: 0, missing: 0, ...(note ? { note } : {}) };
  return { name, kind, values: [], missing: 0, ...(note ? { note } : {}) } as ColumnData;
}

function arrayColumn(name: string, decision: BagDecision): ColumnData {
  if (decision.kind === 'array') return { name, kind: 'array', width: decision.width, values: [], missing: 0 };
  return { name, kind: 'bag', values: [], missing: 0, note: decision.note };
}

/** JSONL: a field whose sampled values are of more than one JSON type (number, string, boolean). */
function mixedTypesNote(sample: CellValue[]): string | undefined {
  const types = new Set(sample.filter((v) => !isMissingValue(v)).map((v) => typeof v));
  if (types.size < 2) return undefined;
  return `mixed ${[...types].sort().join(' and ')} values`;
}

function isMissingValue(value: CellValue): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'number') return !Number.isFinite(value);
  if (typeof value === 'boolean' || Array.isArray(value)) return false;
  return isMissing(value);
}

function previewOf(value: CellValue): string {
  return Array.isArray(value) ? `[${value.length} values]` : String(value ?? '');
}

function truncate(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

