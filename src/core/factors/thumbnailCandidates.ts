import { JobContext } from '../progress';
import { NeighbourLists, NeighbourSearchOptions, topKNeighbours } from './neighbours';
import { projectedTopK } from './projectedSearch';
import { Thumbnails } from './thumbnails';

/** Thumbnail searches over at least this many rows run on a principal projection of this width. */
const PROJECTED_MIN_ROWS = 10_000;
const PROJECTED_DIM = 32;

/**
 * Top-k neighbours by thumbnail correlation, a candidate source that does not depend on the model:
 * a shifted or re-lit copy can land far from its source in a small model's embedding (on 5000
 * planted Fashion-MNIST originals, half the 1 px shifts were not among the top-50 model-space
 * neighbours). Large searches run on a principal projection, re-ranked on the full thumbnails.
 */
export async function thumbnailCandidates(thumbnails: Thumbnails, n: number, k: number, options: NeighbourSearchOptions, ctx?: JobContext): Promise<NeighbourLists> {
  const area = thumbnails.side * thumbnails.side;
  return n >= PROJECTED_MIN_ROWS
    ? projectedTopK(thumbnails.data, n, area, k, { projectedDim: PROJECTED_DIM, searchK: k }, options, ctx)
    : topKNeighbours(thumbnails.data, n, area, k, options, ctx);
}

/** Each sample's candidates from both lists, once each (order is not kept: scoreCandidates re-sorts). */
export function mergeCandidates(a: NeighbourLists, b: NeighbourLists): NeighbourLists {
  const k = a.k + b.k;
  const n = a.indices.length / a.k;
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    seen.clear();
    let r = 0;
    for (const lists of [a, b]) {
      for (let s = 0; s < lists.k; s++) {
        const j = lists.indices[i * lists.k + s];
        if (j < 0 || seen.has(j)) continue;
        seen.add(j);
        indices[i * k + r] = j;
        similarities[i * k + r] = lists.similarities[i * lists.k + s];
        r++;
      }
    }
  }
  return { k, indices, similarities };
}
