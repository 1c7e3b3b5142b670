/** Where a sample came from: a row of a text file (1-based line) or an image file. */
export interface SampleSource {
  file: string;
  line?: number;
}

import { ReadingInfo } from './readingInfo';

export type DatasetFormat = 'csv' | 'tsv' | 'jsonl' | 'parquet' | 'images' | 'idx';

/** How one input column became features; kept so the report can say what was done. */
export interface FeatureColumn {
  name: string;
  kind: 'numeric' | 'categorical' | 'bag' | 'text' | 'array' | 'pixels' | 'dropped';
  /** Number of feature dimensions this column produced (0 when dropped). */
  width: number;
  missing: number;
  note?: string;
}

/**
 * A dataset ready for modelling: a dense row-major feature matrix, integer labels and, for
 * every sample, its id and where it came from. Readers produce it; nothing downstream reads files.
 */
export interface Dataset {
  path: string;
  format: DatasetFormat;
  /** sha256 of the dataset's bytes (for a folder: of the sorted relative paths and file bytes). */
  sha256: string;
  ids: string[];
  sources: SampleSource[];
  /** N x D, row-major, standardised / encoded. */
  X: Float32Array;
  numFeatures: number;
  /** Label index per sample, into `classes`. */
  y: Int32Array;
  classes: string[];
  labelColumn: string;
  idColumn: string | null;
  columns: FeatureColumn[];
  /** Count of missing cells that were imputed, over all columns. */
  missingValues: number;
  /** Per-sample hash of the raw content (exact-duplicate detection). */
  contentHashes: string[];
  /** Short human-readable preview of each sample (first columns / text / file name). */
  previews: string[];
  /** How a table file was read (compression, encoding, delimiter, ...); absent for images and IDX. */
  reading?: ReadingInfo;
}

export function numSamples(d: Pick<Dataset, 'ids'>): number {
  return d.ids.length;
}

/** Row i of a row-major matrix as a view (no copy). */
export function rowOf(X: Float32Array, dim: number, i: number): Float32Array {
  return X.subarray(i * dim, (i + 1) * dim);
}
