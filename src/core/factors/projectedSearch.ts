import { JobContext } from '../progress';
import { createRandom } from '../util/random';
import { NeighbourLists, NeighbourSearchOptions, dot, topKNeighbours } from './neighbours';

/** Power iterations of the subspace search: the leading components of an embedding converge in a few. */
const ITERATIONS = 12;

/**
 * Top-k neighbours by dot product of `unitRows`: the top `searchK` (≥ k) searched on the rows'
 * projection onto their leading `projectedDim` principal directions, re-ranked on the full rows,
 * the best k kept. The block product shrinks by dim / projectedDim; the similarities returned are
 * exact, and so is their order (a neighbour the projection ranks below searchK is missed: the
 * caller measures how often with searchRecall).
 */
export async function projectedTopK(
  unitRows: Float32Array,
  n: number,
  dim: number,
  k: number,
  shortcut: { projectedDim: number; searchK: number },
  options: NeighbourSearchOptions = {},
  ctx?: JobContext,
): Promise<NeighbourLists> {
  const basis = principalBasis(unitRows, n, dim, shortcut.projectedDim);
  const projected = project(unitRows, n, dim, basis, shortcut.projectedDim);
  const lists = await topKNeighbours(projected, n, shortcut.projectedDim, Math.max(k, shortcut.searchK), options, ctx);
  rerank(lists, unitRows, dim);
  return firstNeighbours(lists, k);
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

/** dim x p orthonormal basis of the leading principal directions of the rows (subspace iteration on RᵀR). */
function principalBasis(rows: Float32Array, n: number, dim: number, p: number): Float64Array {
  const gram = new Float64Array(dim * dim);
  for (let i = 0; i < n; i++) {
    const o = i * dim;
    for (let a = 0; a < dim; a++) {
      const v = rows[o + a];
      if (v === 0) continue;
      const g = a * dim;
      for (let b = a; b < dim; b++) gram[g + b] += v * rows[o + b];
    }
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
  const out = new Float32Array(n * p);
  const acc = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    acc.fill(0);
    for (let a = 0; a < dim; a++) {
      const v = rows[i * dim + a];
      if (v === 0) continue;
      for (let c = 0; c < p; c++) acc[c] += v * basis[a * p + c];
    }
    for (let c = 0; c < p; c++) out[i * p + c] = acc[c];
  }
  return out;
}

/** Each list's similarities recomputed on the full rows and re-sorted (ties: smaller index first). */
function rerank(lists: NeighbourLists, rows: Float32Array, dim: number): void {
  const { k } = lists;
  const n = lists.indices.length / k;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < n; i++) {
    pairs.length = 0;
    for (let r = 0; r < k; r++) {
      const j = lists.indices[i * k + r];
      if (j >= 0) pairs.push([j, Math.fround(dot(rows, i, rows, j, dim))]);
    }
    pairs.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    pairs.forEach(([j, s], r) => {
      lists.indices[i * k + r] = j;
      lists.similarities[i * k + r] = s;
    });
  }
}
