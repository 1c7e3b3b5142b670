import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centredUnitRows, dot, rangeScaledColumns, topKNeighbours } from '../../../src/core/factors/neighbours';
import { projectedTopK } from '../../../src/core/factors/projectedSearch';
import { searchRecall } from '../../../src/core/factors/searchRecall';
import { initBackend } from '../../../src/core/model/backend';
import { readDigits } from '../../helpers/digits';

test('projected search: exact similarities in exact order, and most of the exact top 10 on real data (digits)', async () => {
  await initBackend('cpu');
  const rows = readDigits();
  const n = rows.length;
  const dim = 64;
  const unit = centredUnitRows(rangeScaledColumns(Float32Array.from(rows.flatMap((r) => r.pixels)), n, dim), n, dim);
  const allowed = Uint8Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0 : 1));
  const lists = await projectedTopK(unit, n, dim, 10, { projectedDim: 16, searchK: 50 }, { allowed });
  assert.equal(lists.k, 10);
  for (const i of [0, 5, 900, n - 1]) {
    for (let r = 0; r < 10; r++) {
      const j = lists.indices[i * 10 + r];
      assert.ok(j !== i && allowed[j] === 1, 'itself and disallowed rows are excluded');
      assert.equal(lists.similarities[i * 10 + r], Math.fround(dot(unit, i, unit, j, dim)), 'similarities are the full rows\' dot products');
      if (r > 0) assert.ok(lists.similarities[i * 10 + r] <= lists.similarities[i * 10 + r - 1], 'sorted');
    }
  }
  // Recall against the exact search, counted directly and by searchRecall on every row.
  const exact = await topKNeighbours(unit, n, dim, 10, { allowed });
  let found = 0;
  for (let i = 0; i < n; i++) {
    const got = new Set(lists.indices.subarray(i * 10, i * 10 + 10));
    for (let r = 0; r < 10; r++) if (got.has(exact.indices[i * 10 + r])) found++;
  }
  const recall = found / (n * 10);
  console.log(`digits, 64 → 16 principal directions, top 50 re-ranked: recall@10 ${recall.toFixed(4)}`);
  assert.ok(recall >= 0.9, `recall@10 ${recall}`);
  assert.ok(Math.abs(searchRecall(unit, n, dim, lists, 10, n, 0, allowed) - recall) < 1e-3, 'searchRecall counts the same');
});
