import { test } from 'node:test';
import assert from 'node:assert/strict';
import { centredUnitRows, topKNeighbours } from '../../../src/core/factors/neighbours';
import { adaptiveInputThreshold, findSimilarSamples } from '../../../src/core/factors/similarity';
import { initBackend } from '../../../src/core/model/backend';
import { createRandom } from '../../../src/core/util/random';

test('adaptive threshold sits well above the ordinary nearest-neighbour similarity and never below 0.95', () => {
  assert.equal(adaptiveInputThreshold([-0.5, -0.4, -0.3]), 0.95);
  const t = adaptiveInputThreshold([0.88, 0.87, 0.9, 0.86, 0.95]);
  // median 0.88 -> distance 0.4899 -> a fifth 0.0980 -> cos 0.9952
  assert.ok(Math.abs(t - 0.9952) < 1e-4, `threshold ${t}`);
});

test('near-duplicates need both input and embedding similarity; exact copies always count', async () => {
  await initBackend('cpu');
  const random = createRandom(3);
  const n = 60;
  const dim = 16;
  const X = new Float32Array(n * dim).map(() => random() * 2 - 1);
  // 1 is a slightly perturbed copy of 0; 3 is an exact copy of 2 (same content hash).
  for (let j = 0; j < dim; j++) {
    X[dim + j] = X[j] + 0.01 * (random() - 0.5);
    X[3 * dim + j] = X[2 * dim + j];
  }
  const unit = centredUnitRows(X, n, dim);
  const candidates = await topKNeighbours(unit, n, dim, 10);
  const hashes = Array.from({ length: n }, (_, i) => (i === 3 ? 'h2' : `h${i}`));
  // Embeddings agree for the (0,1) pair only when `agree`.
  const run = (agree: boolean) => {
    const E = new Float32Array(n * 4).map(() => random());
    if (agree) for (let j = 0; j < 4; j++) E[4 + j] = E[j];
    else for (let j = 0; j < 4; j++) E[4 + j] = -E[j];
    return findSimilarSamples(
      { n, embeddingUnit: centredUnitRows(E, n, 4), embeddingDim: 4, candidates, contentHashes: hashes },
      { input: 0.99, embedding: 0.9 },
    );
  };
  const agreeing = run(true);
  assert.equal(agreeing.count[0], 1);
  assert.equal(agreeing.neighbours[0][0].index, 1);
  assert.equal(agreeing.count[2], 1);
  assert.equal(agreeing.exactDuplicates[3], 1);
  const others = Array.from(agreeing.count).filter((_, i) => i > 3);
  assert.ok(others.every((c) => c === 0), 'random samples must not be flagged');
  const disagreeing = run(false);
  assert.equal(disagreeing.count[0], 0, 'input copy with a different embedding is not a near-duplicate');
  assert.equal(disagreeing.count[2], 1, 'exact content copies count whatever the embedding');
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
