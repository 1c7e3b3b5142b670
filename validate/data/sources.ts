import * as fs from 'node:fs';
import * as path from 'node:path';
import { readIdx } from '../../src/core/data/idx';
import { Table } from './table';

const ROOT = path.join(__dirname, '..', '..');
const SKLEARN_DATA = '/usr/lib/python3/dist-packages/sklearn/datasets/data';
/** scikit-learn's digits, as shipped in examples/ (scripts/make-examples.mjs writes it from Debian's copy). */
export const DIGITS_CSV = path.join(ROOT, 'examples', 'digits.csv');
export const BREAST_CANCER_CSV = path.join(SKLEARN_DATA, 'breast_cancer.csv');
export const WINE_CSV = path.join(SKLEARN_DATA, 'wine_data.csv');
export const IRIS_CSV = path.join(SKLEARN_DATA, 'iris.csv');
export const FASHION_IMAGES = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

export const DATASET_KEYS = ['digits', 'breast-cancer', 'wine', 'iris', 'fashion'] as const;
export type DatasetKey = (typeof DATASET_KEYS)[number];

export const DATASET_TITLES: Record<DatasetKey, string> = {
  digits: 'digits',
  'breast-cancer': 'breast cancer',
  wine: 'wine',
  iris: 'iris',
  fashion: 'Fashion-MNIST',
};

export function loadSource(key: DatasetKey, fashionRows: number): Table {
  if (key === 'digits') return readDigits();
  if (key === 'breast-cancer') return readSklearnCsv(BREAST_CANCER_CSV, key, 'b');
  if (key === 'wine') return readSklearnCsv(WINE_CSV, key, 'w');
  if (key === 'iris') return readSklearnCsv(IRIS_CSV, key, 'i');
  return readFashion(fashionRows);
}

/** 1797 8x8 digits: id, p0..p63, label. */
function readDigits(): Table {
  const [header, ...lines] = fs.readFileSync(DIGITS_CSV, 'utf8').trim().split('\n');
  const columns = header.split(',').slice(1, -1);
  const cells = lines.map((line) => line.split(','));
  return {
    name: 'digits',
    format: 'csv',
    ids: cells.map((c) => c[0]),
    rows: cells.map((c) => c.slice(1, -1).map(Number)),
    labels: cells.map((c) => c[c.length - 1]),
    columns,
  };
}

/** scikit-learn's files: a first line "rows,width,class names…", then the features and the class index per line. */
function readSklearnCsv(file: string, name: DatasetKey, idPrefix: string): Table {
  const [first, ...lines] = fs.readFileSync(file, 'utf8').trim().split('\n');
  const [, width, ...names] = first.split(',');
  const cells = lines.map((line) => line.split(','));
  return {
    name,
    format: 'csv',
    ids: cells.map((_, i) => `${idPrefix}${i + 1}`),
    rows: cells.map((c) => c.slice(0, Number(width)).map(Number)),
    labels: cells.map((c) => names[Number(c[Number(width)])]),
    columns: Array.from({ length: Number(width) }, (_, j) => `f${j}`),
  };
}

/** The first `rows` Fashion-MNIST training images, read by the project's IDX reader, back as bytes. */
function readFashion(rows: number): Table {
  const samples = readIdx(FASHION_IMAGES, { limit: rows });
  const side = Math.round(Math.sqrt(samples.width));
  return {
    name: 'fashion',
    format: 'idx',
    ids: samples.ids,
    rows: samples.ids.map((_, i) => samples.pixels.slice(i * samples.width, (i + 1) * samples.width).map((v) => Math.round(v * 255))),
    labels: samples.labels,
    columns: Array.from({ length: samples.width }, (_, j) => `px${j}`),
    imageSide: side,
  };
}
