import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readIdx } from '../../../src/core/data/idx';
import { centredUnitRows, dot, randomProjection, rangeScaledColumns, topKNeighbours } from '../../../src/core/factors/neighbours';
import { readDigits } from '../../helpers/digits';
import { neighbourWorkerScript } from '../../../src/core/factors/parallelNeighbours';
import { TopKBank } from '../../../src/core/factors/topKBank';
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

test('TopKBank keeps the k best pairs per row, the smaller index first among ties, whatever the order and split of the offers', () => {
  const random = createRandom(9);
  // Few distinct values, so there are many ties at the boundary.
  const values = Array.from({ length: 500 }, () => Math.fround(Math.round(random() * 20) / 20));
  const expected = values
    .map((v, id) => [id, v] as const)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 25);
  const offerAll = (bank: TopKBank, row: number, ids: number[]) => {
    for (const id of ids) if (values[id] >= bank.floors[row]) bank.offer(row, id, values[id]);
  };
  const ascending = values.map((_, id) => id);
  const shuffled = [...ascending].sort(() => random() - 0.5);
  // Row 0: ascending ids in one bank; row 1: shuffled ids split over two banks, then merged.
  const bank = new TopKBank(2, 25);
  const other = new TopKBank(2, 25);
  offerAll(bank, 0, ascending);
  offerAll(bank, 1, shuffled.slice(0, 300));
  offerAll(other, 1, shuffled.slice(300));
  bank.absorb(other);
  for (const row of [0, 1]) {
    const indices = new Int32Array(25);
    const similarities = new Float32Array(25);
    bank.writeSorted(row, indices, similarities, 0);
    assert.deepEqual(Array.from(indices), expected.map(([id]) => id), `row ${row}`);
    assert.deepEqual(Array.from(similarities), expected.map(([, v]) => v), `row ${row}`);
  }
});

test('each pair computed once (upper triangle) still gives every row its exact top k, on one thread and two (digits, wasm)', async () => {
  await initBackend('wasm');
  const digits = readDigits();
  const [n, dim] = [digits.length, digits[0].pixels.length];
  const unit = centredUnitRows(rangeScaledColumns(Float32Array.from(digits.flatMap((r) => r.pixels)), n, dim), n, dim);
  const allowed = Uint8Array.from({ length: n }, (_, i) => (i % 7 === 3 ? 0 : 1));
  const k = 10;
  // Small blocks, so most of a row's neighbours come from blocks before its own (the lower triangle).
  for (const workers of [1, 2]) {
    const lists = await topKNeighbours(unit, n, dim, k, { allowed, workers, blockSize: 100 });
    for (let i = 0; i < n; i++) {
      const exact = Array.from({ length: n }, (_, j) => j)
        .filter((j) => j !== i && allowed[j] === 1)
        .map((j) => dot(unit, i, unit, j, dim))
        .sort((a, b) => b - a);
      for (let r = 0; r < k; r++) {
        const j = lists.indices[i * k + r];
        assert.ok(j !== i && allowed[j] === 1, `row ${i}: itself and disallowed rows are excluded`);
        // The block product's float32 sums may differ from a JS dot product in the last bits.
        assert.ok(Math.abs(lists.similarities[i * k + r] - dot(unit, i, unit, j, dim)) < 1e-5, `row ${i}: listed similarity is the pair's`);
        assert.ok(Math.abs(lists.similarities[i * k + r] - exact[r]) < 1e-5, `row ${i}, rank ${r}: ${lists.similarities[i * k + r]} vs exact ${exact[r]} (${workers} workers)`);
      }
    }
  }
});
