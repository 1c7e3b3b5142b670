import { parse } from 'csv-parse/sync';
import { sniffDelimiter } from '../../core/data/delimiterSniff';
import { LABEL_NAMES } from '../../core/data/selectColumns';

export interface LabelChoice {
  /** The column the audit will use without asking (a column named label/target/class/y), if any. */
  inferred: string | undefined;
  /** Columns the user can pick from, the likeliest (the last one that is not "id") first. */
  candidates: string[];
}

/**
 * Which label column a dataset's first line implies: CSV/TSV header cells or the keys of the first
 * JSONL object. Only when no column has a label-like name does the extension need to ask.
 */
export function labelChoice(firstLine: string, format: 'csv' | 'tsv' | 'jsonl'): LabelChoice {
  // The delimiter is sniffed as the reader does, so a semicolon-separated header splits too.
  const columns = format === 'jsonl' ? jsonKeys(firstLine) : headerCells(firstLine, sniffDelimiter(firstLine, format === 'tsv' ? '\t' : ',').delimiter);
  const inferred = LABEL_NAMES.map((n) => columns.find((c) => c.toLowerCase() === n)).find((c) => c !== undefined);
  const nonId = columns.filter((c) => c.toLowerCase() !== 'id');
  return { inferred, candidates: [...nonId].reverse() };
}

function headerCells(line: string, delimiter: string): string[] {
  const rows = parse(line.replace(/^\uFEFF/, ''), { delimiter, relax_quotes: true, relax_column_count: true, trim: true }) as string[][];
  return rows[0] ?? [];
}

function jsonKeys(line: string): string[] {
  try {
    const value: unknown = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  } catch {
    return [];
  }
}
