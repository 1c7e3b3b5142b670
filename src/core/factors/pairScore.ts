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
 * Zero-mean normalised cross-correlation of two thumbnails, the best over shifts of up to
 * `maxShift` thumbnail pixels each way (one thumbnail pixel is two pixels of a 28x28 image).
 * Pixels shifted out of the frame count as zero, the thumbnails' mean.
 */
export function shiftTolerantScorer(thumbnails: Thumbnails, maxShift = 1): PairScorer {
  const { side, data } = thumbnails;
  const area = side * side;
  return {
    method: 'shift-tolerant-correlation',
    score(i, j) {
      const a = i * area;
      const b = j * area;
      let best = -1;
      for (let dy = -maxShift; dy <= maxShift; dy++) {
        for (let dx = -maxShift; dx <= maxShift; dx++) {
          let sum = 0;
          const y0 = Math.max(0, -dy);
          const y1 = Math.min(side, side - dy);
          const x0 = Math.max(0, -dx);
          const x1 = Math.min(side, side - dx);
          for (let y = y0; y < y1; y++) {
            const ra = a + y * side;
            const rb = b + (y + dy) * side + dx;
            for (let x = x0; x < x1; x++) sum += data[ra + x] * data[rb + x];
          }
          if (sum > best) best = sum;
        }
      }
      return best;
    },
  };
}
