import { FeatureColumn } from './dataset';

export type ColumnKind = 'numeric' | 'categorical' | 'text' | 'dropped';

/** Rows examined before each column's kind is fixed; later rows must agree with it. */
export const TYPE_SAMPLE_ROWS = 1000;
/** Categories kept per column; later unseen values share one "(other)" column. */
export const MAX_CATEGORIES = 100;

/** Spellings read as a missing value, in any letter case (docs/formats.md). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none', '?']);
/** Infinite values are read as missing too, and counted separately in the report. */
const INFINITE = new Set(['inf', '+inf', '-inf', 'infinity', '+infinity', '-infinity']);

export function isMissing(value: string | undefined | null): boolean {
  if (value === undefined || value === null) return true;
  const key = value.trim().toLowerCase();
  return MISSING.has(key) || INFINITE.has(key);
}

export function isInfinite(value: string): boolean {
  return INFINITE.has(value.trim().toLowerCase());
}

export function parseNumber(value: string): number {
  const trimmed = value.trim();
  if (trimmed === '') return NaN;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : NaN;
}

/** Share of numbers among a column's sampled values from which it is numeric (the rest are errors). */
const NUMERIC_SHARE = 0.95;

/**
 * Decide a column's kind from a sample of its values: numeric if (nearly) every present value is
 * a number, so that a stray "n/a-ish" typo is reported by line instead of silently turning the
 * column categorical; text if values are long or mostly multi-word; categorical if few distinct values;
 * otherwise dropped (identifiers, names: they carry no learnable signal and would explode one-hot).
 */
export function inferKind(values: Array<string | undefined>): { kind: ColumnKind; note?: string } {
  const present = values.filter((v): v is string => !isMissing(v));
  if (present.length === 0) return { kind: 'dropped', note: 'no values in the first rows' };
  const numbers = present.filter((v) => Number.isFinite(parseNumber(v))).length;
  if (numbers >= NUMERIC_SHARE * present.length) return { kind: 'numeric' };
  const meanLength = present.reduce((s, v) => s + v.length, 0) / present.length;
  const multiWord = present.filter((v) => /\s/.test(v.trim())).length / present.length;
  if (meanLength >= 20 || multiWord > 0.5) return { kind: 'text' };
  const distinct = new Set(present).size;
  if (distinct <= MAX_CATEGORIES) return { kind: 'categorical' };
  return { kind: 'dropped', note: `${distinct} distinct short values in the first ${values.length} rows: looks like an identifier` };
}

export function describeColumn(name: string, kind: FeatureColumn['kind'], width: number, missing: number, note?: string): FeatureColumn {
  return { name, kind, width, missing, ...(note ? { note } : {}) };
}
