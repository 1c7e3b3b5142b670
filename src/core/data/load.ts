import * as fs from 'node:fs';
import * as path from 'node:path';
import { InputError } from '../errors';
import { JobContext, report } from '../progress';
import { TableReadOptions } from './csv';
import { Delimiter } from './delimitedTokenizer';
import { Dataset, DatasetFormat, ImageLayout } from './dataset';
import { EncoderState, encodeTable } from './encode';
import { detectFormat } from './detectFormat';
import { sha256File, sha256Files } from './hash';
import { idxImagesPath, readIdx } from './idx';
import { readImageFolder } from './images';
import { readJsonl } from './jsonl';
import { binLabels, numericLabels, quantileEdges, refuseContinuousLabel } from './labelBins';
import { readDelimitedInParallel } from './parallelCsv';
import { readParquetInParallel } from './parallelParquet';
import { PixelSamples, pixelTable } from './pixelTable';
import { ReadingInfo } from './readingInfo';
import { ParsedTable } from './tableBuilder';

export type { EncoderState };
export { detectFormat };

export interface LoadOptions {
  /** Label column or key; default label/target/class/y, else the last column. */
  label?: string;
  /** Id column or key; default a column named id, else the 1-based row number. */
  id?: string;
  /** Read only the first N samples. */
  limit?: number;
  /** Images: side of the square they are resized to (default 28). */
  imageSize?: number;
  /** Encode like this training set (for a separate test file). */
  encoder?: EncoderState;
  /** CSV/TSV: this delimiter instead of a sniffed one. */
  delimiter?: Delimiter;
  /** Bin a continuous numeric label into this many quantile classes. */
  bins?: number;
}

/** Read any supported dataset into features, labels, ids and sources. The dataset is only read. */
export async function loadDataset(target: string, options: LoadOptions = {}, ctx?: JobContext): Promise<{ dataset: Dataset; encoder: EncoderState }> {
  const format = detectFormat(target);
  assertReadable(target);
  const tableOptions: TableReadOptions = {
    label: options.label,
    id: options.id,
    limit: options.limit,
    delimiter: options.delimiter,
    fixedKinds: fixedKinds(options.encoder),
  };
  const { table, sha256, reading, imageShape } = await readTable(target, format, tableOptions, options, ctx);
  const labelEdges = prepareLabels(table, options, reading);
  const encoded = encodeTable(table, options.encoder);
  if (labelEdges) encoded.encoder.labelEdges = labelEdges;
  report(ctx, 'reading', 1);
  const isImageFolder = format === 'images';
  const dataset: Dataset = {
    path: target,
    format,
    sha256,
    ids: table.ids,
    sources: table.ids.map((id, i) =>
      isImageFolder ? { file: path.join(target, id) } : table.lines[i] > 0 && format !== 'parquet' ? { file: target, line: table.lines[i] } : { file: table.file },
    ),
    X: encoded.X,
    numFeatures: encoded.numFeatures,
    y: encoded.y,
    classes: encoded.classes,
    labelColumn: table.labelColumn,
    idColumn: table.idColumn,
    columns: encoded.columns,
    missingValues: encoded.missingValues,
    contentHashes: table.contentHashes,
    previews: table.previews,
    ...(reading ? { reading } : {}),
    ...(imageShape ? { image: imageLayout(imageShape, encoded.encoder) } : {}),
  };
  return { dataset, encoder: encoded.encoder };
}

/** Bin a continuous label (--bins, or the training file's edges), or refuse one; returns the edges used. */
function prepareLabels(table: ParsedTable, options: LoadOptions, reading?: ReadingInfo): number[] | undefined {
  const edges = options.encoder ? options.encoder.labelEdges : options.bins ? quantileEdges(numericLabels(table), options.bins) : undefined;
  if (edges) {
    binLabels(table, edges);
    if (reading) reading.labelBins = { bins: edges.length + 1, edges };
    return edges;
  }
  if (!options.encoder) refuseContinuousLabel(table);
  return undefined;
}

async function readTable(
  target: string,
  format: DatasetFormat,
  tableOptions: TableReadOptions,
  options: LoadOptions,
  ctx?: JobContext,
): Promise<{ table: ParsedTable; sha256: string; reading?: ReadingInfo; imageShape?: PixelSamples['shape'] }> {
  switch (format) {
    case 'csv':
    case 'tsv': {
      const read = await readDelimitedInParallel(target, format === 'csv' ? ',' : '\t', tableOptions, ctx);
      return { ...read, sha256: read.sha256 ?? (await sha256File(target)) };
    }
    case 'jsonl':
      return { ...(await readJsonl(target, tableOptions, ctx)), sha256: await sha256File(target) };
    case 'parquet': {
      const read = await readParquetInParallel(target, tableOptions, ctx);
      return { ...read, sha256: read.sha256 ?? (await sha256File(target)) };
    }
    case 'images': {
      const samples = await readImageFolder(target, options, ctx);
      return { table: pixelTable(samples), sha256: await sha256Files(target, samples.ids), imageShape: samples.shape };
    }
    case 'idx': {
      const file = idxImagesPath(target);
      const samples = readIdx(file, options);
      return { table: pixelTable(samples), sha256: await sha256File(file), imageShape: samples.shape };
    }
  }
}

function imageLayout(shape: PixelSamples['shape'], encoder: EncoderState): ImageLayout {
  const pixels = encoder.columns.find((c) => c.kind === 'array');
  if (!pixels || pixels.kind !== 'array') throw new Error('an image dataset without its pixel column');
  return { ...shape, mean: pixels.mean, std: pixels.std };
}

function fixedKinds(encoder?: EncoderState): TableReadOptions['fixedKinds'] {
  if (!encoder) return undefined;
  return new Map(encoder.columns.map((c) => [c.name, c.kind]));
}

function assertReadable(target: string): void {
  try {
    fs.accessSync(target, fs.constants.R_OK);
  } catch (err) {
    throw new InputError(`cannot read it (${(err as NodeJS.ErrnoException).code ?? String(err)})`, target);
  }
}
