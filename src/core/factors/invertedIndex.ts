import * as tf from '@tensorflow/tfjs-core';
import { readTidy } from '../model/readTensor';

/**
 * Rows grouped into lists by k-means, for a search that compares the queries of each list only
 * with the members of the `probes` lists whose centroids are nearest its own (an inverted-file
 * index probed list by list, so that each list's comparisons are one block product). Only allowed
 * rows are list members; every row is a query, of the list nearest to it.
 */
export interface InvertedIndex {
  lists: number;
  probes: number;
  /** List members, list by list: member position m holds row members[m]. */
  members: Int32Array;
  /** The members' rows in member order (contiguous per list), dim wide. */
  memberRows: Float32Array;
  /** Members of list l are at positions offsets[l]..offsets[l+1]−1. */
  offsets: Int32Array;
  /** Every row ordered by its nearest list; list l's queries are at queryOffsets[l]..queryOffsets[l+1]−1. */
  queries: Int32Array;
  queryOffsets: Int32Array;
  /** The query rows in query order, dim wide. */
  queryRows: Float32Array;
  /** [l * probes + p]: the p-th nearest list to list l by centroid (the first is l itself). */
  probeLists: Int32Array;
  /** [a * lists + b]: 1 when list a's queries are compared with list b's members. */
  probed: Uint8Array;
}

const ITERATIONS = 10;
/** Rows scored against the centroids per block product. */
const SCORE_CHUNK = 8192;

/**
 * Lloyd's k-means on the allowed rows (Euclidean), started from evenly spaced allowed rows: no
 * random draw, so the index depends only on the rows. An emptied list keeps its centroid.
 */
export function buildInvertedIndex(rows: Float32Array, n: number, dim: number, lists: number, probes: number, allowed?: Uint8Array): InvertedIndex {
  const memberIds: number[] = [];
  for (let i = 0; i < n; i++) if (allowed === undefined || allowed[i] !== 0) memberIds.push(i);
  const L = Math.max(1, Math.min(lists, memberIds.length));
  const P = Math.max(1, Math.min(probes, L));
  const centroids = new Float32Array(L * dim);
  for (let l = 0; l < L; l++) {
    const start = memberIds[Math.floor((l * memberIds.length) / L)];
    centroids.set(rows.subarray(start * dim, (start + 1) * dim), l * dim);
  }
  const listOf = new Int32Array(n);
  for (let it = 0; it < ITERATIONS; it++) {
    forEachScoreRow(rows, n, dim, centroids, L, (i, scores) => (listOf[i] = bestList(scores, L)));
    const sums = new Float64Array(L * dim);
    const counts = new Int32Array(L);
    for (const i of memberIds) {
      const l = listOf[i];
      counts[l]++;
      for (let d = 0; d < dim; d++) sums[l * dim + d] += rows[i * dim + d];
    }
    for (let l = 0; l < L; l++) if (counts[l] > 0) for (let d = 0; d < dim; d++) centroids[l * dim + d] = sums[l * dim + d] / counts[l];
  }
  forEachScoreRow(rows, n, dim, centroids, L, (i, scores) => (listOf[i] = bestList(scores, L)));
  const probeLists = new Int32Array(L * P);
  forEachScoreRow(centroids, L, dim, centroids, L, (l, scores) => {
    // Each list itself first, even where rounding (or an equal centroid) would tie it with another.
    scores[l] = Infinity;
    nearestLists(scores, L, P, probeLists, l * P);
  });
  const probed = new Uint8Array(L * L);
  for (let a = 0; a < L; a++) for (let p = 0; p < P; p++) probed[a * L + probeLists[a * P + p]] = 1;
  const offsets = new Int32Array(L + 1);
  for (const i of memberIds) offsets[listOf[i] + 1]++;
  for (let l = 0; l < L; l++) offsets[l + 1] += offsets[l];
  const members = new Int32Array(memberIds.length);
  const fill = offsets.slice(0, L);
  // memberIds ascend, so each list's members ascend too.
  for (const i of memberIds) members[fill[listOf[i]]++] = i;
  const memberRows = new Float32Array(members.length * dim);
  members.forEach((i, m) => memberRows.set(rows.subarray(i * dim, (i + 1) * dim), m * dim));
  const queries = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => listOf[a] - listOf[b] || a - b);
  const queryOffsets = new Int32Array(L + 1);
  for (let i = 0; i < n; i++) queryOffsets[listOf[i] + 1]++;
  for (let l = 0; l < L; l++) queryOffsets[l + 1] += queryOffsets[l];
  const queryRows = new Float32Array(n * dim);
  queries.forEach((i, q) => queryRows.set(rows.subarray(i * dim, (i + 1) * dim), q * dim));
  return { lists: L, probes: P, members, memberRows, offsets, queries, queryOffsets, queryRows, probeLists, probed };
}

/** scores[l] = x·c_l − ‖c_l‖²/2 for each row x: larger means nearer (Euclidean), one product per chunk of rows. */
function forEachScoreRow(rows: Float32Array, n: number, dim: number, centroids: Float32Array, L: number, use: (i: number, scores: Float32Array) => void): void {
  const halfNorms = new Float32Array(L);
  for (let l = 0; l < L; l++) {
    let s = 0;
    for (let d = 0; d < dim; d++) s += centroids[l * dim + d] ** 2;
    halfNorms[l] = s / 2;
  }
  const transposed = new Float32Array(dim * L);
  for (let l = 0; l < L; l++) for (let d = 0; d < dim; d++) transposed[d * L + l] = centroids[l * dim + d];
  for (let start = 0; start < n; start += SCORE_CHUNK) {
    const size = Math.min(SCORE_CHUNK, n - start);
    const products = readTidy(() => tf.matMul(tf.tensor2d(rows.subarray(start * dim, (start + size) * dim), [size, dim]), tf.tensor2d(transposed, [dim, L]))) as Float32Array;
    for (let r = 0; r < size; r++) {
      const scores = products.subarray(r * L, (r + 1) * L);
      for (let l = 0; l < L; l++) scores[l] -= halfNorms[l];
      use(start + r, scores);
    }
  }
}

function bestList(scores: Float32Array, L: number): number {
  let best = 0;
  for (let l = 1; l < L; l++) if (scores[l] > scores[best]) best = l;
  return best;
}

/** The P best-scoring lists, best first (smaller list first among equal scores), written at out[at..]. */
function nearestLists(scores: Float32Array, L: number, P: number, out: Int32Array, at: number): void {
  let kept = 0;
  for (let l = 0; l < L; l++) {
    const s = scores[l];
    if (kept === P && !(s > scores[out[at + P - 1]])) continue;
    let pos = kept < P ? kept++ : P - 1;
    while (pos > 0 && s > scores[out[at + pos - 1]]) {
      out[at + pos] = out[at + pos - 1];
      pos--;
    }
    out[at + pos] = l;
  }
}
