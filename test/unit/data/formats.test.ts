import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { detectFormat, loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

test('JSONL: a numeric array field becomes features, scalar keys are typed, lines are kept', async () => {
  const lines = [
    JSON.stringify({ id: 'x1', embedding: [0, 1, 2], colour: 'red', label: 'a' }),
    '',
    JSON.stringify({ id: 'x2', embedding: [1, 1, 0], colour: 'blue', label: 'b' }),
    JSON.stringify({ id: 'x3', embedding: [2, 0, 1], colour: 'red', label: 'a' }),
  ];
  const file = writeFile(dir, 'data.jsonl', lines.join('\n') + '\n');
  const { dataset } = await loadDataset(file);
  assert.equal(dataset.format, 'jsonl');
  assert.deepEqual(dataset.ids, ['x1', 'x2', 'x3']);
  assert.deepEqual(dataset.sources.map((s) => s.line), [1, 3, 4]);
  assert.equal(dataset.numFeatures, 3 + 2);
  assert.deepEqual(dataset.columns.map((c) => [c.name, c.kind]), [['embedding', 'array'], ['colour', 'categorical']]);
});

test('JSONL errors name the line: invalid JSON, not an object, array of the wrong length', async () => {
  const cases: Array<[string, RegExp]> = [
    ['{"a":1,"label":"x"}\n{"a":2,"label":"y"\n', /:2: not valid JSON/],
    ['{"a":1,"label":"x"}\n[1,2]\n', /:2: each line must be a JSON object/],
    [
      Array.from({ length: 1001 }, (_, i) => `{"v":[${i},2],"label":"${i % 2}"}`).join('\n') + '\n{"v":[1],"label":"y"}\n',
      /:1002 \(column "v"\): field "v" must be an array of 2 numbers/,
    ],
  ];
  for (const [content, pattern] of cases) {
    const file = writeFile(dir, `bad${cases.findIndex((c) => c[0] === content)}.jsonl`, content);
    await assert.rejects(loadDataset(file), (err: unknown) => err instanceof InputError && pattern.test(err.message));
  }
});

function png(width: number, height: number, value: (x: number, y: number) => [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = value(x, y);
      image.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  return PNG.sync.write(image);
}

function jpg(width: number, height: number, grey: number): Buffer {
  const data = Buffer.alloc(width * height * 4, grey);
  return Buffer.from(jpeg.encode({ data, width, height }, 95).data);
}

test('image folder: PNG and JPEG decoded, resized to a square, grey images give one channel', async () => {
  const root = path.join(dir, 'images');
  writeFile(root, 'cats/a.png', png(40, 20, (x) => [x < 20 ? 255 : 0, x < 20 ? 255 : 0, x < 20 ? 255 : 0]));
  writeFile(root, 'cats/b.JPG', jpg(16, 16, 200));
  writeFile(root, 'dogs/c.png', png(10, 10, () => [0, 0, 0]));
  writeFile(root, 'dogs/notes.txt', 'ignored');
  writeFile(root, '.hidden/d.png', png(4, 4, () => [9, 9, 9]));
  assert.equal(detectFormat(root), 'images');
  const { dataset } = await loadDataset(root, { imageSize: 8 });
  assert.deepEqual(dataset.ids, ['cats/a.png', 'cats/b.JPG', 'dogs/c.png']);
  assert.deepEqual(dataset.classes, ['cats', 'dogs']);
  assert.equal(dataset.numFeatures, 64);
  assert.equal(dataset.sources[0].file, path.join(root, 'cats/a.png'));
  assert.equal(dataset.sources[0].line, undefined);
});

test('a corrupt image is an InputError naming it', async () => {
  const root = path.join(dir, 'corrupt');
  writeFile(root, 'a/ok.png', png(4, 4, () => [1, 2, 3]));
  writeFile(root, 'b/broken.png', Buffer.from('not a png at all'));
  await assert.rejects(loadDataset(root), (err: unknown) => err instanceof InputError && err.message.includes(path.join(root, 'b/broken.png')));
});

test('an image folder needs two classes', async () => {
  const root = path.join(dir, 'oneclass');
  writeFile(root, 'a/x.png', png(4, 4, () => [1, 2, 3]));
  await assert.rejects(loadDataset(root), (err: unknown) => err instanceof InputError && /at least two class folders/.test(err.message));
});

test('IDX: reads real Fashion-MNIST images and labels', async () => {
  assert.ok(fs.existsSync(FASHION), `${FASHION} is missing: run scripts/setup-system.sh (Debian dataset-fashion-mnist)`);
  const { dataset } = await loadDataset(FASHION, { limit: 100 });
  assert.equal(dataset.format, 'idx');
  assert.equal(dataset.ids.length, 100);
  assert.equal(dataset.numFeatures, 784);
  assert.deepEqual(dataset.classes, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  // The first Fashion-MNIST training image is an ankle boot (class 9).
  assert.equal(dataset.classes[dataset.y[0]], '9');
});

test('unknown file types are refused', () => {
  const file = writeFile(dir, 'data.xlsx', 'x');
  assert.throws(() => detectFormat(file), InputError);
});
