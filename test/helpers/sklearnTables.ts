import * as fs from 'node:fs';
import * as path from 'node:path';

/** scikit-learn's bundled CSVs, as Debian's python3-sklearn installs them. */
export const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';

export interface Table {
  header: string[];
  rows: string[][];
}

/** Wine (178 x 13, classes 0-2): the file has a count line and no names, so columns are f1..f13, label. */
export function wineTable(): Table {
  const [, ...lines] = fs.readFileSync(path.join(SKLEARN_DATA, 'wine_data.csv'), 'utf8').trim().split('\n');
  const rows = lines.map((l) => l.split(','));
  return { header: [...rows[0].slice(0, -1).map((_, i) => `f${i + 1}`), 'label'], rows };
}

/** Boston house prices (506 x 13): a regression target, MEDV, in the last column. */
export function bostonTable(): Table {
  const [, names, ...lines] = fs.readFileSync(path.join(SKLEARN_DATA, 'boston_house_prices.csv'), 'utf8').trim().split('\n');
  return { header: names.split(',').map((n) => n.replace(/"/g, '')), rows: lines.map((l) => l.split(',')) };
}

export function toDelimited(table: Table, delimiter = ',', decimalMark = '.'): string {
  const cell = (v: string) => (decimalMark === '.' ? v : v.replace('.', decimalMark));
  return [table.header.join(delimiter), ...table.rows.map((r) => r.map(cell).join(delimiter))].join('\n') + '\n';
}
