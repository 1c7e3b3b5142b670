import * as tf from '@tensorflow/tfjs-core';
import { readTidy } from '../model/readTensor';
import { JobContext } from '../progress';
import { createRandom } from '../util/random';
import { NeighbourLists, NeighbourSearchOptions, topKNeighbours } from './neighbours';
import { InvertedSettings, invertedTopK } from './invertedSearch';

/**
 * Inverted lists measured at 60k Fashion-MNIST rows (docs/BENCHMARKS.md): model-space recall@10
 * 0.906 against 0.9115 exact, but no CPU saved, so the audit does not pass them (opt-in).
 */
export const INVERTED_SEARCH: InvertedSettings = { lists: (rows) => Math.round(Math.sqrt(rows)), probes: 24 };

/** Power iterations of the subspace search: the leading components of an embedding converge in a few. */
const ITERATIONS = 12;

/**
 * Top-k neighbours by dot product of `unitRows`: the top `searchK` (≥ k) searched on the rows'
 * projection onto their leading `projectedDim` principal directions (through inverted lists when
 * `shortcut.inverted` is given), re-ranked on the full rows, the best k kept. The block product shrinks by dim / projectedDim; the similarities returned are
 * exact, and so is their order (a neighbour the projection ranks below searchK is missed: the
 * caller measures how often with searchRecall).
 */
export async function projectedTopK(
  unitRows: Float32Array,
  n: number,
  dim: number,
  k: number,
  shortcut: { projectedDim: number; searchK: number; inverted?: InvertedSettings },
  options: NeighbourSearchOptions = {},
  ctx?: JobContext,
): Promise<NeighbourLists> {
  const projected = principalProjection(unitRows, n, dim, shortcut.projectedDim);
  const searchK = Math.max(k, shortcut.searchK);
  const searchOptions = { ...options, exact: { rows: unitRows, dim } };
  const lists = shortcut.inverted
    ? await invertedTopK(projected, n, shortcut.projectedDim, searchK, shortcut.inverted, searchOptions, ctx)
    : await topKNeighbours(projected, n, shortcut.projectedDim, searchK, searchOptions, ctx);
  return firstNeighbours(lists, k);
}

/** The rows projected onto their leading p principal directions (n x p). */
export function principalProjection(rows: Float32Array, n: number, dim: number, p: number): Float32Array {
  return project(rows, n, dim, principalBasis(rows, n, dim, p), p);
}

/** The first k of each sorted neighbour list. */
export function firstNeighbours(lists: NeighbourLists, k: number): NeighbourLists {
  if (k >= lists.k) return lists;
  const n = lists.indices.length / lists.k;
  const indices = new Int32Array(n * k);
  const similarities = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    indices.set(lists.indices.subarray(i * lists.k, i * lists.k + k), i * k);
    similarities.set(lists.similarities.subarray(i * lists.k, i * lists.k + k), i * k);
  }
  return { k, indices, similarities };
}

/** Rows per partial Gram product: float32 within a chunk, float64 across chunks. */
const GRAM_CHUNK = 2048;

/** dim x p orthonormal basis of the leading principal directions of the rows (subspace iteration on RᵀR). */
function principalBasis(rows: Float32Array, n: number, dim: number, p: number): Float64Array {
  const gram = new Float64Array(dim * dim);
  for (let start = 0; start < n; start += GRAM_CHUNK) {
    const size = Math.min(GRAM_CHUNK, n - start);
    const part = readTidy(() => {
      const chunk = tf.tensor2d(rows.subarray(start * dim, (start + size) * dim), [size, dim]);
      return tf.matMul(tf.transpose(chunk), chunk);
    });
    for (let e = 0; e < dim * dim; e++) gram[e] += part[e];
  }
  for (let a = 0; a < dim; a++) for (let b = 0; b < a; b++) gram[a * dim + b] = gram[b * dim + a];
  const random = createRandom(1);
  let q = Float64Array.from({ length: dim * p }, () => random() - 0.5);
  orthonormalise(q, dim, p);
  for (let it = 0; it < ITERATIONS; it++) {
    const next = new Float64Array(dim * p);
    for (let a = 0; a < dim; a++) {
      for (let b = 0; b < dim; b++) {
        const g = gram[a * dim + b];
        if (g === 0) continue;
        for (let c = 0; c < p; c++) next[a * p + c] += g * q[b * p + c];
      }
    }
    orthonormalise(next, dim, p);
    q = next;
  }
  return q;
}

/** Modified Gram-Schmidt on the p columns of a dim x p matrix, in place. */
function orthonormalise(m: Float64Array, dim: number, p: number): void {
  for (let c = 0; c < p; c++) {
    for (let prev = 0; prev < c; prev++) {
      let d = 0;
      for (let a = 0; a < dim; a++) d += m[a * p + c] * m[a * p + prev];
      for (let a = 0; a < dim; a++) m[a * p + c] -= d * m[a * p + prev];
    }
    let norm = 0;
    for (let a = 0; a < dim; a++) norm += m[a * p + c] ** 2;
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let a = 0; a < dim; a++) m[a * p + c] *= scale;
  }
}

function project(rows: Float32Array, n: number, dim: number, basis: Float64Array, p: number): Float32Array {
  return readTidy(() => tf.matMul(tf.tensor2d(rows, [n, dim]), tf.tensor2d(Float32Array.from(basis), [dim, p]))) as Float32Array;
}
