import { ColumnData, ParsedTable } from './tableBuilder';

/** Samples whose features are pixel values: wrapped as a one-column table for the shared encoder. */
export interface PixelSamples {
  file: string;
  ids: string[];
  labels: string[];
  pixels: number[];
  width: number;
  /** width = height x columns x channels, channel last. */
  shape: { height: number; width: number; channels: number };
  contentHashes: string[];
  previews: string[];
}

export function pixelTable(samples: PixelSamples): ParsedTable {
  const column: ColumnData = { name: 'pixels', kind: 'array', width: samples.width, values: samples.pixels, missing: 0 };
  return {
    file: samples.file,
    labelColumn: 'class folder',
    idColumn: 'path',
    ids: samples.ids,
    labels: samples.labels,
    lines: samples.ids.map(() => 0),
    columns: [column],
    contentHashes: samples.contentHashes,
    previews: samples.previews,
  };
}
