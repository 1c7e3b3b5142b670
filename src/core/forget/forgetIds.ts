import * as fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { InputError } from '../errors';

const SHOWN = 20;

/**
 * The ids a deletion request names: one per line (blank lines and # comments allowed), or a CSV
 * whose header has an id column. Returns them in file order, without repeats.
 */
export function readForgetIds(file: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8').replace(/^\ufeff/, '');
  } catch (err) {
    throw new InputError(`cannot read the forget list (${(err as NodeJS.ErrnoException).code ?? String(err)})`, file);
  }
  const ids = file.toLowerCase().endsWith('.csv') ? idsFromCsv(text, file) : idsFromLines(text);
  return [...new Set(ids)];
}

function idsFromLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line !== '');
}

function idsFromCsv(text: string, file: string): string[] {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    throw new InputError(`not valid CSV (${err instanceof Error ? err.message : String(err)})`, file);
  }
  if (rows.length === 0) return [];
  const column = rows[0].findIndex((h) => h.trim().toLowerCase() === 'id');
  if (column < 0) throw new InputError(`a CSV forget list needs an "id" column (header: ${rows[0].join(', ')})`, file, 1);
  return rows.slice(1).map((r) => (r[column] ?? '').trim()).filter((id) => id !== '');
}

/**
 * Map requested ids to sample indices. Unknown ids are an error listing them (up to 20, then a
 * count) unless `allowMissing`; an empty set or the whole dataset cannot be audited.
 */
export function resolveForgetIds(requested: string[], datasetIds: string[], file: string, allowMissing: boolean): { indices: Int32Array; missing: string[] } {
  const index = new Map(datasetIds.map((id, i) => [id, i]));
  const missing = requested.filter((id) => !index.has(id));
  if (missing.length > 0 && !allowMissing) {
    const shown = missing.slice(0, SHOWN).map((id) => `"${id}"`).join(', ');
    const rest = missing.length > SHOWN ? ` and ${missing.length - SHOWN} more` : '';
    throw new InputError(`${missing.length} requested ${missing.length === 1 ? 'id is' : 'ids are'} not in the dataset: ${shown}${rest} (use --allow-missing to skip them)`, file);
  }
  const indices = Int32Array.from(requested.filter((id) => index.has(id)).map((id) => index.get(id)!)).sort();
  if (indices.length === 0) throw new InputError('the forget set is empty: no requested id is in the dataset', file);
  if (indices.length >= datasetIds.length) throw new InputError('the forget set is the whole dataset: nothing would be left to learn from', file);
  return { indices, missing };
}
