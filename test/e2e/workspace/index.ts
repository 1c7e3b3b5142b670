import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeBigCsv } from './bigCsv';
import { CompressedDataset, writeCompressedWine } from './compressedCsv';
import { HostileDataset, writeHostileCsv } from './hostileCsv';
import { ImageFolderDataset, writeImageFolder } from './imageFolder';

const ROOT = path.join(__dirname, '..', '..', '..');

export interface Workspace {
  dir: string;
  /** scikit-learn's 1797 digits (examples/digits.csv). */
  digits: { file: string; rows: number };
  clothes: ImageFolderDataset;
  hostile: HostileDataset;
  big: { file: string; rows: number };
  /** scikit-learn's wine as wine.csv.gz, class column "cultivar". */
  wine: CompressedDataset;
  /** A deletion request: ids of digits, one per line. */
  request: { file: string; ids: string[] };
}

const REQUEST_IDS = ['d3', 'd40', 'd77', 'd150', 'd600', 'd900', 'd1200', 'd1500'];

/** The folder the E2E VS Code opens, with every dataset the scenarios audit. */
export function prepareWorkspace(dir: string): Workspace {
  fs.mkdirSync(dir, { recursive: true });
  const digits = path.join(dir, 'digits.csv');
  fs.copyFileSync(path.join(ROOT, 'examples', 'digits.csv'), digits);
  const request = path.join(dir, 'request.txt');
  fs.writeFileSync(request, ['# deletion request', ...REQUEST_IDS].join('\n') + '\n');
  return {
    dir,
    digits: { file: digits, rows: 1797 },
    clothes: writeImageFolder(path.join(dir, 'clothes')),
    hostile: writeHostileCsv(path.join(dir, 'hostile.csv')),
    big: writeBigCsv(digits, path.join(dir, 'big.csv'), 6),
    wine: writeCompressedWine(path.join(dir, 'wine.csv.gz')),
    request: { file: request, ids: REQUEST_IDS },
  };
}
