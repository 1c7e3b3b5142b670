// Builds examples/digits.csv from scikit-learn's copy of the UCI optical digits (Debian package
// python3-sklearn): 1797 8x8 images, pixel values 0-16, with an id column and a header.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';

const source = '/usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz';
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
if (!fs.existsSync(source)) {
  console.error(`missing ${source}: apt-get install python3-sklearn`);
  process.exit(1);
}
const rows = zlib.gunzipSync(fs.readFileSync(source)).toString('utf8').trim().split('\n');
const header = ['id', ...Array.from({ length: 64 }, (_, j) => `p${j}`), 'label'].join(',');
const lines = rows.map((line, i) => {
  const cells = line.trim().split(',').map((c) => String(Math.round(Number(c))));
  return [`d${i + 1}`, ...cells].join(',');
});
fs.writeFileSync(path.join(root, 'examples', 'digits.csv'), [header, ...lines].join('\n') + '\n');
console.log(`wrote examples/digits.csv: ${lines.length} rows`);
