import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lexicographicRanks } from '../../src/core/util/lexicographicRanks';

test('lexicographic ranks: the primary order is kept, the secondary only orders its ties', () => {
  // Three rows tied at 0 on the primary, ordered among themselves by the secondary; the row with
  // primary 0.5 stays above all of them although its secondary is the lowest.
  const primary = [0, 0.5, 0, 0, 1];
  const secondary = [0.3, 0.0, 0.1, 0.9, 0.2];
  assert.deepEqual(Array.from(lexicographicRanks(primary, secondary)), [1, 3, 0, 2, 4]);
});

test('lexicographic ranks: rows tied in both share the mid-rank; NaN in either gives NaN', () => {
  const r = Array.from(lexicographicRanks([0, 0, 0, NaN, 1], [0.2, 0.2, 0.1, 0.5, NaN]));
  assert.deepEqual(r.slice(0, 3), [1.5, 1.5, 0]);
  assert.ok(Number.isNaN(r[3]) && Number.isNaN(r[4]));
  assert.throws(() => lexicographicRanks([0, 1], [0]), /primary has 2 values, secondary 1/);
});
