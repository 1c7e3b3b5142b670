import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { loadDataset } from '../../../src/core/data/load';
import { datasetHash } from '../../../src/extension/logic/datasetHash';
import { DIGITS_CSV, readDigits } from '../../helpers/digits';
import { tempDir, writeFile } from '../../helpers/tempFiles';

// Staleness compares this hash with the audit's dataset.sha256: they must agree for every format,
// and differ as soon as the content does.
const dir = tempDir();
const FASHION = '/usr/share/datasets/fashion-mnist';

function digitPng(pixels: number[]): Buffer {
  const image = new PNG({ width: 8, height: 8 });
  pixels.forEach((v, i) => image.data.set([v * 16, v * 16, v * 16, 255], i * 4));
  return PNG.sync.write(image);
}

test('the host hashes a CSV, an image folder and an IDX folder as the audit does', async () => {
  const csv = path.join(dir, 'digits.csv');
  fs.copyFileSync(DIGITS_CSV, csv);
  const images = path.join(dir, 'digit-images');
  for (const row of readDigits().slice(0, 30)) writeFile(images, `${row.label}/${row.id}.png`, digitPng(row.pixels));
  const idx = path.join(dir, 'fashion');
  fs.mkdirSync(idx);
  for (const f of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz']) fs.symlinkSync(path.join(FASHION, f), path.join(idx, f));
  for (const target of [csv, images, idx]) {
    const { dataset } = await loadDataset(target, { limit: 200 });
    assert.equal(await datasetHash(target), dataset.sha256, target);
  }
});

test('an edit to one row, or an image changed, changes the hash', async () => {
  const csv = path.join(dir, 'edited.csv');
  fs.copyFileSync(DIGITS_CSV, csv);
  const before = await datasetHash(csv);
  const lines = fs.readFileSync(csv, 'utf8').split('\n');
  lines[5] = lines[5].replace(/,(\d+)$/, (_, label) => `,${(Number(label) + 1) % 10}`);
  fs.writeFileSync(csv, lines.join('\n'));
  assert.notEqual(await datasetHash(csv), before);
  const images = path.join(dir, 'digit-images');
  const imageBefore = await datasetHash(images);
  const [first] = readDigits();
  writeFile(images, `${first.label}/${first.id}.png`, digitPng(first.pixels.map((v) => 16 - v)));
  assert.notEqual(await datasetHash(images), imageBefore);
});
