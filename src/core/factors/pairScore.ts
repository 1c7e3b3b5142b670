import { dot } from './neighbours';
import { Thumbnails } from './thumbnails';

/** How alike two samples' inputs are, 1 for identical; symmetric. */
export interface PairScorer {
  /** Named in the audit so a reader knows what the similarities mean. */
  method: 'cosine' | 'shift-tolerant-correlation';
  score(i: number, j: number): number;
}

/** Cosine of centred unit rows (tables and text: small numeric noise or a few edited tokens move it little). */
export function cosineScorer(unitRows: Float32Array, dim: number): PairScorer {
  return { method: 'cosine', score: (i, j) => dot(unitRows, i, unitRows, j, dim) };
}

/**
 * Zero-mean normalised correlation of two thumbnails centred on their centre of mass (see
 * grayThumbnails: the centring is what tolerates the shift). Searching ±1 thumbnail pixel of
 * further shift found exactly the same planted copies (docs/VALIDATION.md) at 9x the cost.
 */
export function thumbnailScorer(thumbnails: Thumbnails): PairScorer {
  const area = thumbnails.side * thumbnails.side;
  return { method: 'shift-tolerant-correlation', score: (i, j) => dot(thumbnails.data, i, thumbnails.data, j, area) };
}
