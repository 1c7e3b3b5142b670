import * as fs from 'node:fs';
import * as path from 'node:path';

/** Debian's python3-sklearn copy of Fisher's iris data: a count header, then 4 features and a class index. */
export const IRIS_SOURCE = '/usr/lib/python3/dist-packages/sklearn/datasets/data/iris.csv';

/** The iris data as a plain CSV with a header and class names in a `label` column; returns its path. */
export function writeIrisCsv(dir: string, name = 'iris.csv'): string {
  const [header, ...rows] = fs.readFileSync(IRIS_SOURCE, 'utf8').trim().split(/\r?\n/);
  const classes = header.split(',').slice(2);
  const lines = rows.map((row) => {
    const cells = row.split(',');
    return [...cells.slice(0, 4), classes[Number(cells[4])]].join(',');
  });
  const file = path.join(dir, name);
  fs.writeFileSync(file, ['sepal_length,sepal_width,petal_length,petal_width,label', ...lines].join('\n') + '\n');
  return file;
}
