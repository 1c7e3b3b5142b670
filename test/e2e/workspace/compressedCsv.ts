import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const WINE = '/usr/lib/python3/dist-packages/sklearn/datasets/data/wine_data.csv';

export interface CompressedDataset {
  file: string;
  rows: number;
  /** The class column: not named label/target/class/y, so the extension asks for it. */
  label: string;
}

/** scikit-learn's wine table (Debian's python3-sklearn) as a gzipped CSV whose class column is "cultivar". */
export function writeCompressedWine(file: string): CompressedDataset {
  const [, ...lines] = fs.readFileSync(WINE, 'utf8').trim().split('\n');
  const width = lines[0].split(',').length;
  const header = [...Array.from({ length: width - 1 }, (_, i) => `f${i + 1}`), 'cultivar'].join(',');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, zlib.gzipSync([header, ...lines].join('\n') + '\n'));
  return { file, rows: lines.length, label: 'cultivar' };
}
