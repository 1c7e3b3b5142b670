import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readIdx } from '../../../src/core/data/idx';
import { centredUnitRows, dot, rangeScaledColumns, topKNeighbours } from '../../../src/core/factors/neighbours';
import { invertedTopK } from '../../../src/core/factors/invertedSearch';
import { principalProjection } from '../../../src/core/factors/projectedSearch';
import { initBackend } from '../../../src/core/model/backend';

const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';
const N = 4000;

/** Fashion-MNIST rows on their 32 leading principal directions, as the audit's large searches run. */
function fashionProjection(): { unit: Float32Array; projected: Float32Array; dim: number } {
  assert.ok(fs.existsSync(FASHION), `${FASHION} is missing: run scripts/setup-system.sh (Debian dataset-fashion-mnist)`);
  const images = readIdx(FASHION, { limit: N });
  const dim = images.width;
  const unit = centredUnitRows(rangeScaledColumns(Float32Array.from(images.pixels), N, dim), N, dim);
  return { unit, projected: principalProjection(unit, N, dim, 32), dim };
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  return Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;
}

/** Share of the exact lists' entries that `got` lists for the same row. */
function recall(exact: { k: number; indices: Int32Array }, got: { k: number; indices: Int32Array }): number {
  let found = 0;
  for (let i = 0; i < N; i++) {
    const listed = new Set(got.indices.subarray(i * got.k, (i + 1) * got.k));
    for (let r = 0; r < exact.k; r++) if (listed.has(exact.indices[i * exact.k + r])) found++;
  }
  return found / (N * exact.k);
}

test('inverted lists: every list probed is the exact search; fewer probes keep most neighbours, each once, among allowed rows (Fashion-MNIST)', async () => {
  await initBackend('wasm');
  const { unit, projected, dim } = fashionProjection();
  const allowed = Uint8Array.from({ length: N }, (_, i) => (i % 5 === 0 ? 0 : 1));
  const exactRows = { rows: unit, dim };
  const exact = await topKNeighbours(projected, N, 32, 20, { allowed, workers: 1, exact: exactRows });
  const lists = (m: number) => Math.round(Math.sqrt(m));
  const all = await invertedTopK(projected, N, 32, 20, { lists, probes: 1000 }, { allowed, workers: 1, exact: exactRows });
  assert.equal(all.index.probes, all.index.lists, 'probes are capped at the number of lists');
  assert.ok(recall(exact, all) > 0.999, `all lists probed: recall ${recall(exact, all)}`);
  const few = await invertedTopK(projected, N, 32, 20, { lists, probes: 6 }, { allowed, workers: 1, exact: exactRows });
  const one = await invertedTopK(projected, N, 32, 20, { lists, probes: 1 }, { allowed, workers: 1, exact: exactRows });
  console.log(`Fashion-MNIST ${N}, ${few.index.lists} lists: recall of the exact top 20 with 1 probe ${recall(exact, one).toFixed(4)}, 6 probes ${recall(exact, few).toFixed(4)}`);
  assert.ok(recall(exact, few) > recall(exact, one), 'more probes find more');
  assert.ok(recall(exact, few) >= 0.9, `6 of ${few.index.lists} lists: recall ${recall(exact, few)}`);
  for (let i = 0; i < N; i++) {
    const row = Array.from(few.indices.subarray(i * 20, (i + 1) * 20));
    assert.ok(row.every((j) => j >= 0 && j !== i && allowed[j] === 1), `row ${i}: itself and disallowed rows are never neighbours`);
    assert.equal(new Set(row).size, 20, `row ${i}: each neighbour once`);
    assert.equal(few.similarities[i * 20], Math.fround(dot(unit, i, unit, row[0], dim)), 'similarities re-ranked on the full rows');
  }
});

test('inverted lists on two worker threads give the single-threaded lists bit for bit (Fashion-MNIST, wasm)', async () => {
  await initBackend('wasm');
  const { projected } = fashionProjection();
  const settings = { lists: (m: number) => Math.round(Math.sqrt(m)), probes: 5 };
  const single = await invertedTopK(projected, N, 32, 30, settings, { workers: 1 });
  let progress = 0;
  const parallel = await invertedTopK(projected, N, 32, 30, settings, { workers: 2, onBlock: (f) => (progress = f) });
  assert.equal(progress, 1);
  assert.ok(sameBytes(parallel.indices, single.indices), 'same neighbours in the same order');
  assert.ok(sameBytes(parallel.similarities, single.similarities), 'same similarities');
});
