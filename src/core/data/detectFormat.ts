import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { DatasetFormat } from './dataset';
import { compressionOf } from './compressionName';
import { isIdxImages } from './idx';

/** The format of a dataset path, from its name (or, for a folder, what it holds). */
export function detectFormat(target: string): DatasetFormat {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(target);
  } catch {
    throw new InputError('no such file or folder', target);
  }
  if (stat.isDirectory()) {
    const inside = fs.readdirSync(target);
    return inside.some((f) => isIdxImages(f)) ? 'idx' : 'images';
  }
  const base = path.basename(target).toLowerCase();
  if (isIdxImages(base)) return 'idx';
  if (base.endsWith('.parquet') || base.endsWith('.pq')) return 'parquet';
  const { inner: name } = compressionOf(base);
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson')) return 'jsonl';
  throw new InputError(
    'unknown dataset format: expected .csv, .tsv, .jsonl/.ndjson (each optionally .gz or .zst), .parquet, an image folder (root/<class>/<image>) or IDX images',
    target,
  );
}
