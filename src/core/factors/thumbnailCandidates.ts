import { JobContext } from '../progress';
import { NeighbourLists, NeighbourSearchOptions, topKNeighbours } from './neighbours';
import { projectedTopK } from './projectedSearch';
import { searchRecall } from './searchRecall';
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
export async function thumbnailCandidates(
  thumbnails: Thumbnails,
  n: number,
  k: number,
  options: NeighbourSearchOptions & { allowed: Uint8Array; seed: number },
  ctx?: JobContext,
): Promise<{ lists: NeighbourLists; search: ThumbnailSearch }> {
  const area = thumbnails.side * thumbnails.side;
  if (n < PROJECTED_MIN_ROWS) return { lists: await topKNeighbours(thumbnails.data, n, area, k, options, ctx), search: { method: 'exact', dimensions: area, recallAt10: 1 } };
  const lists = await projectedTopK(thumbnails.data, n, area, k, { projectedDim: PROJECTED_DIM, searchK: k }, options, ctx);
  return { lists, search: { method: 'principal-projection', dimensions: PROJECTED_DIM, recallAt10: searchRecall(thumbnails.data, n, area, lists, 10, 200, options.seed, options.allowed) } };
}

/** How the thumbnail candidates were searched; recallAt10: share of the exact top 10 found (sampled queries). */
export interface ThumbnailSearch {
  method: 'exact' | 'principal-projection';
  dimensions: number;
  recallAt10: number;
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
