import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomRelabeller } from '../../../src/core/unlearn/randomLabel';

test('random-label draws a fresh uniform label for forget rows each time, over all classes, and keeps retained labels', () => {
  const y = Int32Array.from({ length: 20 }, (_, i) => i % 4);
  const task = { data: { y, numClasses: 4 } as never, forgetIdx: Int32Array.from([0, 1]), seed: 5 };
  const relabel = randomRelabeller(task);
  const counts = [0, 0, 0, 0];
  const retained = Int32Array.from([2, 3, 7, 19]);
  for (let draw = 0; draw < 4000; draw++) {
    const labels = relabel(Int32Array.from([0, ...retained]));
    counts[labels[0]]++;
    assert.deepEqual(Array.from(labels.subarray(1)), Array.from(retained, (i) => y[i]));
  }
  // Uniform over all four classes, its own included (SalUn's code draws from every class): each near 1000.
  for (const c of counts) assert.ok(Math.abs(c - 1000) < 120, `counts ${counts}`);
  const again = randomRelabeller(task);
  const first = randomRelabeller(task);
  assert.deepEqual(Array.from(again(Int32Array.from([0, 1, 0]))), Array.from(first(Int32Array.from([0, 1, 0]))), 'the same seed draws the same labels');
});
