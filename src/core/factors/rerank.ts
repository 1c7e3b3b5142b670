import { dot } from './dot';

/** Full rows to re-rank a projected search's lists on. */
export interface ExactRows {
  rows: Float32Array;
  dim: number;
}

/**
 * Row i's list (k slots at i * k) with its similarities recomputed on the full rows and re-sorted,
 * larger first, smaller index first among equals; empty slots (−1) stay at the end. An insertion
 * sort in place: the lists are short, and sorting arrays of pairs allocated per row cost more
 * than the dot products.
 */
export function rerankRow(indices: Int32Array, similarities: Float32Array, i: number, k: number, exact: ExactRows): void {
  const base = i * k;
  let filled = 0;
  while (filled < k && indices[base + filled] >= 0) filled++;
  for (let r = 0; r < filled; r++) similarities[base + r] = dot(exact.rows, i, exact.rows, indices[base + r], exact.dim);
  for (let r = 1; r < filled; r++) {
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
