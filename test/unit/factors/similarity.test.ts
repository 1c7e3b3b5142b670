import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centredUnitRows, topKNeighbours } from '../../../src/core/factors/neighbours';
import { findSimilarSamples } from '../../../src/core/factors/similarity';
import { NEAR_DUPLICATE_Z, adaptiveThreshold } from '../../../src/core/factors/adaptiveThreshold';
import { initBackend } from '../../../src/core/model/backend';
import { createRandom } from '../../../src/core/util/random';

test('adaptive threshold: a pair must be an outlier on the close side of the dataset\'s own nearest-neighbour distances', () => {
  const random = createRandom(1);
  // Ordinary nearest neighbours at distance ~0.1 (log-normal spread), as in a tight dataset.
  const nearest = Array.from({ length: 500 }, () => 1 - 0.1 * Math.exp(0.3 * (random() + random() + random() - 1.5)));
  const choice = adaptiveThreshold(nearest);
  const median = 1 - 0.1; // the generator's median distance
  assert.ok(choice.threshold > median && choice.threshold < 1, `threshold ${choice.threshold}`);
  // At z robust standard deviations only the near tail of ordinary neighbours (~2 % at z = 2) may pass.
  const ordinaryAbove = nearest.filter((s) => s >= choice.threshold).length;
  assert.ok(ordinaryAbove <= 0.05 * nearest.length, `${ordinaryAbove} ordinary neighbours called copies`);
  // Log distance has standard deviation 0.3 x 0.5 (sum of three uniforms): the cut is z of those below the median.
  const expected = 0.1 * Math.exp(-NEAR_DUPLICATE_Z * 0.15);
  assert.ok(Math.abs(1 - choice.threshold - expected) < 0.2 * expected, `cut at distance ${1 - choice.threshold}, expected ~${expected}`);
  assert.equal(choice.rule, 'dataset-adaptive');
  assert.match(choice.why, /robust standard deviations/);
  assert.equal(adaptiveThreshold([-0.5, -0.4, -0.3]).threshold, 0.9, 'a spread-out dataset falls back to the floor');
});

test('near-duplicates: input similarity (and embedding when asked); exact copies always count; other labels are label conflicts', async () => {
  await initBackend('cpu');
  const random = createRandom(3);
  const n = 60;
  const dim = 16;
  const X = new Float32Array(n * dim).map(() => random() * 2 - 1);
  // 1 is a slightly perturbed copy of 0; 3 is an exact copy of 2 (same content hash); 5 copies 4 under another label.
  for (let j = 0; j < dim; j++) {
    X[dim + j] = X[j] + 0.01 * (random() - 0.5);
    X[3 * dim + j] = X[2 * dim + j];
    X[5 * dim + j] = X[4 * dim + j] + 0.01 * (random() - 0.5);
  }
  const unit = centredUnitRows(X, n, dim);
  const candidates = await topKNeighbours(unit, n, dim, 10);
  const hashes = Array.from({ length: n }, (_, i) => (i === 3 ? 'h2' : `h${i}`));
  const labels = Int32Array.from({ length: n }, (_, i) => (i === 5 ? 1 : 0));
  // Embeddings agree for the (0,1) pair only when `agree`.
  const run = (agree: boolean, embedding: number) => {
    const E = new Float32Array(n * 4).map(() => random());
    if (agree) for (let j = 0; j < 4; j++) E[4 + j] = E[j];
    else for (let j = 0; j < 4; j++) E[4 + j] = -E[j];
    return findSimilarSamples(
      { n, labels, embeddingUnit: centredUnitRows(E, n, 4), embeddingDim: 4, candidates, contentHashes: hashes },
      { input: 0.99, embedding },
    );
  };
  const agreeing = run(true, 0.9);
  assert.equal(agreeing.count[0], 1);
  assert.equal(agreeing.neighbours[0][0].index, 1);
  assert.equal(agreeing.count[2], 1);
  assert.equal(agreeing.exactDuplicates[3], 1);
  const others = Array.from(agreeing.count).filter((_, i) => i > 5);
  assert.ok(others.every((c) => c === 0), 'random samples must not be flagged');
  const disagreeing = run(false, 0.9);
  assert.equal(disagreeing.count[0], 0, 'input copy with a different embedding is not a near-duplicate when the embedding check is on');
  assert.equal(disagreeing.count[2], 1, 'exact content copies count whatever the embedding');
  const inputOnly = run(false, -1);
  assert.equal(inputOnly.count[0], 1, 'with the embedding check off (the default) the input decides');
  assert.equal(inputOnly.count[4], 0, 'a copy with another label is not counted');
  assert.deepEqual(inputOnly.labelConflicts[4].map((s) => s.index), [5]);
  assert.deepEqual(inputOnly.labelConflicts[5].map((s) => s.index), [4]);
});

test('topKNeighbours is exact: matches brute force on random data and honours the allowed mask', async () => {
  await initBackend('cpu');
  const random = createRandom(5);
  const n = 200;
  const dim = 8;
  const unit = centredUnitRows(new Float32Array(n * dim).map(() => random() - 0.5), n, dim);
  const allowed = Uint8Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 0 : 1));
  const lists = await topKNeighbours(unit, n, dim, 5, { allowed, blockSize: 64 });
  for (const i of [0, 17, 199]) {
    const brute = Array.from({ length: n }, (_, j) => j)
      .filter((j) => j !== i && allowed[j])
      .map((j) => [j, [...Array(dim).keys()].reduce((s, d) => s + unit[i * dim + d] * unit[j * dim + d], 0)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([j]) => j);
    assert.deepEqual(Array.from(lists.indices.subarray(i * 5, i * 5 + 5)), brute);
  }
});
