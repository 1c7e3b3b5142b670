import { dot } from './dot';

/** Full rows to re-rank a projected search's lists on. */
export interface ExactRows {
  rows: Float32Array;
  dim: number;
}

/**
 * Row i's list (k slots at i * k) with its similarities recomputed on the full rows and re-sorted
 * (see sortRow); empty slots (−1) stay at the end. In place: sorting arrays of pairs allocated per
 * row cost more than the dot products.
 */
export function rerankRow(indices: Int32Array, similarities: Float32Array, i: number, k: number, exact: ExactRows): void {
  const base = i * k;
  let filled = 0;
  while (filled < k && indices[base + filled] >= 0) filled++;
  for (let r = 0; r < filled; r++) similarities[base + r] = dot(exact.rows, i, exact.rows, indices[base + r], exact.dim);
  sortRow(indices, similarities, base, filled);
}

/** Slots base..base+count−1 sorted by similarity, larger first, smaller index first among equals (insertion sort: lists are short). */
export function sortRow(indices: Int32Array, similarities: Float32Array, base: number, count: number): void {
  for (let r = 1; r < count; r++) {
    const j = indices[base + r];
    const s = similarities[base + r];
    let at = r;
    while (at > 0 && (similarities[base + at - 1] < s || (similarities[base + at - 1] === s && indices[base + at - 1] > j))) {
      indices[base + at] = indices[base + at - 1];
      similarities[base + at] = similarities[base + at - 1];
      at--;
    }
    indices[base + at] = j;
    similarities[base + at] = s;
  }
}
