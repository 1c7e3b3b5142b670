import { NeighbourLists } from './neighbours';
import { allCropMoments, bestCorrelation, cropMoments, crossSums, momentsLength, padRows } from './alignedSums';

/**
 * Pixel shift searched each way by the aligned correlation: the 1–2 px an augmentation moves an
 * image. The thumbnails' centre-of-mass centring misses it where the shift pushes the picture
 * against the frame (docs/VALIDATION.md: 2 px shifts of Fashion-MNIST garments).
 */
export const ALIGNED_MAX_SHIFT = 2;
/**
 * Robust standard deviations above the typical nearest neighbour an aligned correlation must be.
 * Chosen on planted Fashion-MNIST training folders (bench/neardupScorers.ts, docs/VALIDATION.md):
 * the smallest of 2, 2.5, 3, 3.5, 4 at which the rule, beside the thumbnail rules, adds at most one
 * pair between untouched images at 5000 originals (2: 14 more, 2.5: 1, 3: none); checked unchanged
 * on the Fashion-MNIST test set.
 */
export const ALIGNED_Z = 2.5;
/**
 * Each sample's first this many candidates (by thumbnail correlation) are re-scored. 6 for the copy-gap
 * rule (copyGap.ts): its groups hold at most half of them, and on planted Fashion-MNIST training
 * folders 6 and 10 found the same copies (docs/VALIDATION.md); the aligned correlation is most of
 * the rule's time. (5 under the tail rule before it.)
 */
export const ALIGNED_CANDIDATES = 6;

/** Grey images on their own pixel grid: n rows of side² values (bytes keep a 60k-image set at 47 MB). */
export interface GreyImages {
  side: number;
  data: Uint8Array | Float32Array;
  /** Per image and row, the first non-zero column and one past the last (see rowSpans); absent: whole rows. */
  spans?: Uint8Array;
}

/** Aligned correlations of each sample's first `m` candidates, in the candidates' order (NaN where none). */
export interface AlignedScores {
  m: number;
  scores: Float32Array;
}

/**
 * The largest Pearson correlation between image `b` and image `a` shifted by up to `maxShift`
 * whole pixels each way, over the pixels the two share at that shift: what a shift pushed out of
 * the frame is in neither, so a shifted copy correlates 1 with its source from either side, and
 * the score is symmetric. Pearson on the pixels themselves, so brightness and contrast do not
 * move it, and fine detail (which tells apart two plain garments of one shape) still counts.
 */
export function alignedCorrelation(images: GreyImages, a: number, b: number, maxShift = ALIGNED_MAX_SHIFT): number {
  const size = momentsLength(maxShift);
  const moments = new Float64Array(2 * size);
  cropMoments(images, a, maxShift, moments, 0);
  cropMoments(images, b, maxShift, moments, size);
  const padded = new Float64Array(images.side * (images.side + 2 * maxShift));
  padRows(images, a, maxShift, padded);
  const cross = new Float64Array(size / 2);
  crossSums(images, padded, a, b, maxShift, cross);
  return bestCorrelation(cross, moments, 0, moments, size, images.side, maxShift);
}

/**
 * Aligned correlations of each sample's first `m` candidates; a pair listed from both sides is scored
 * once. Each image's crop moments are computed once, and sample i is padded once for all its pairs.
 */
export function alignedScores(candidates: NeighbourLists, images: GreyImages, m = ALIGNED_CANDIDATES): AlignedScores {
  const { k } = candidates;
  const n = candidates.indices.length / k;
  const width = Math.min(m, k);
  const scores = new Float32Array(n * width).fill(NaN);
  const maxShift = ALIGNED_MAX_SHIFT;
  const size = momentsLength(maxShift);
  const moments = allCropMoments(images, n, maxShift);
  const padded = new Float64Array(images.side * (images.side + 2 * maxShift));
  const cross = new Float64Array(size / 2);
  for (let i = 0; i < n; i++) {
    let isPadded = false;
    for (let r = 0; r < width; r++) {
      const j = candidates.indices[i * k + r];
      if (j < 0) continue;
      const earlier = j < i ? rankIn(candidates, j, i, width) : -1;
      if (earlier >= 0) {
        scores[i * width + r] = scores[j * width + earlier];
        continue;
      }
      if (!isPadded) padRows(images, i, maxShift, padded);
      isPadded = true;
      // On bytes symmetric to the last bit (each sum is exact; swapping a and b swaps factors), so i can always be a.
      crossSums(images, padded, i, j, maxShift, cross);
      scores[i * width + r] = bestCorrelation(cross, moments, i * size, moments, j * size, images.side, maxShift);
    }
  }
  return { m: width, scores };
}

/** Where `j` sits among sample i's first `width` candidates, −1 if not there. */
function rankIn(candidates: NeighbourLists, i: number, j: number, width: number): number {
  for (let r = 0; r < width; r++) if (candidates.indices[i * candidates.k + r] === j) return r;
  return -1;
}

/** Each sample's best aligned correlation (NaN without candidates), for the dataset-adaptive threshold. */
export function nearestAligned(aligned: AlignedScores): Float32Array {
  const n = aligned.scores.length / aligned.m;
  return Float32Array.from({ length: n }, (_, i) => {
    let best = NaN;
    for (let r = 0; r < aligned.m; r++) {
      const s = aligned.scores[i * aligned.m + r];
      if (s > best || (Number.isNaN(best) && !Number.isNaN(s))) best = s;
    }
    return best;
  });
}

/** Grey levels 0–255 (channels averaged) of the images in X, undoing the loader's per-value standardisation. */
export function greyImages(X: Float32Array, n: number, layout: { width: number; height: number; channels: number; mean: number[]; std: number[] }): GreyImages {
  const { width, channels, mean, std } = layout;
  const area = width * layout.height;
  const dim = area * channels;
  const data = new Uint8Array(n * area);
  for (let i = 0; i < n; i++) {
    for (let p = 0; p < area; p++) {
      let v = 0;
      for (let c = 0; c < channels; c++) {
        const k = p * channels + c;
        v += X[i * dim + k] * std[k] + mean[k];
      }
      data[i * area + p] = Math.max(0, Math.min(255, Math.round((255 * v) / channels)));
    }
  }
  return { side: width, data, spans: rowSpans(data, n, width) };
}

/** For each image and row, the first column with a non-zero value and one past the last (0, 0 for an empty row). */
export function rowSpans(data: Uint8Array | Float32Array, n: number, side: number): Uint8Array {
  const spans = new Uint8Array(2 * n * side);
  for (let row = 0; row < n * side; row++) {
    let first = side;
    let last = -1;
    for (let x = 0; x < side; x++) {
      if (data[row * side + x] !== 0) {
        if (first === side) first = x;
        last = x;
      }
    }
    spans[2 * row] = last < 0 ? 0 : first;
    spans[2 * row + 1] = last + 1;
  }
  return spans;
}
