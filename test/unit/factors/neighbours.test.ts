import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readIdx } from '../../../src/core/data/idx';
import { centredUnitRows, randomProjection, rangeScaledColumns, topKNeighbours } from '../../../src/core/factors/neighbours';
import { neighbourWorkerScript } from '../../../src/core/factors/parallelNeighbours';
import { TopKSelector } from '../../../src/core/factors/topKSelector';
import { initBackend } from '../../../src/core/model/backend';
import { createRandom } from '../../../src/core/util/random';

const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

test('the search on two worker threads gives the single-threaded lists bit for bit (Fashion-MNIST, wasm)', async () => {
  assert.ok(fs.existsSync(FASHION), `${FASHION} is missing: run scripts/setup-system.sh (Debian dataset-fashion-mnist)`);
  await initBackend('wasm');
  assert.ok(neighbourWorkerScript(), 'the search worker is found, so the parallel path really runs');
  const n = 3000;
  const images = readIdx(FASHION, { limit: n });
  const dim = images.width;
  const unit = centredUnitRows(rangeScaledColumns(Float32Array.from(images.pixels), n, dim), n, dim);
  // The audit's input search: a 128-dimensional projection, 50 candidates, every row allowed.
  const projected = centredUnitRows(randomProjection(unit, n, dim, 128, 11), n, 128);
  const single = await topKNeighbours(projected, n, 128, 50, { workers: 1, blockSize: 256 });
  let progress = 0;
  const parallel = await topKNeighbours(projected, n, 128, 50, { workers: 2, blockSize: 256, onBlock: (f) => (progress = f) });
  assert.equal(progress, 1, 'progress reaches 1 once every block is done');
  assert.ok(single.indices.every((j) => j >= 0), 'every sample has 50 neighbours');
  assert.ok(sameBytes(parallel.indices, single.indices), 'same neighbours in the same order');
  assert.ok(sameBytes(parallel.similarities, single.similarities), 'same similarities');
  // The embedding search's shape: the exact vectors, a mask of allowed rows, blocks that do not divide n.
  const allowed = Uint8Array.from({ length: n }, (_, i) => (i % 4 === 0 ? 0 : 1));
  const singleMasked = await topKNeighbours(unit, n, dim, 10, { allowed, workers: 1, blockSize: 700 });
  const parallelMasked = await topKNeighbours(unit, n, dim, 10, { allowed, workers: 2, blockSize: 700 });
  assert.ok(singleMasked.indices.every((j) => j >= 0 && allowed[j] === 1), 'only allowed rows are neighbours');
  assert.ok(sameBytes(parallelMasked.indices, singleMasked.indices));
  assert.ok(sameBytes(parallelMasked.similarities, singleMasked.similarities));
});

test('among equal similarities the smaller index is kept and listed first', async () => {
  await initBackend('wasm');
  // Rows 1 and 2 are the same vector (tied cosines to row 0); row 3 is closer to row 0 than both.
  const rows = new Float32Array([1, 0, 0, 0.6, 0.8, 0, 0.6, 0.8, 0, 0.8, 0.6, 0, 0, 0, 1]);
  const lists = await topKNeighbours(rows, 5, 3, 2, { workers: 1 });
  assert.deepEqual(Array.from(lists.indices.subarray(0, 2)), [3, 1]);
  const three = await topKNeighbours(rows, 5, 3, 3, { workers: 1 });
  assert.deepEqual(Array.from(three.indices.subarray(0, 3)), [3, 1, 2]);
});

test('TopKSelector keeps the k best pairs, the smaller index first among ties', () => {
  const random = createRandom(9);
  // Few distinct values, so there are many ties at the boundary.
  const values = Array.from({ length: 500 }, () => Math.fround(Math.round(random() * 20) / 20));
  const expected = values
    .map((v, id) => [id, v] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 25);
  // Offered in increasing index order, as the search does.
  const ascending = new TopKSelector(25);
  values.forEach((v, id) => {
    if (v > ascending.floor) ascending.offer(id, v);
  });
  const indices = new Int32Array(25);
  const similarities = new Float32Array(25);
  ascending.writeSorted(indices, similarities, 0);
  assert.deepEqual(Array.from(indices), expected.map(([id]) => id));
  assert.deepEqual(Array.from(similarities), expected.map(([, v]) => v));
});
