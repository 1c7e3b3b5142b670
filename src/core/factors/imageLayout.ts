import { Dataset } from '../data/dataset';

/** Square images stored row-major, channels interleaved (as the image readers write them). */
export interface ImageLayout {
  side: number;
  channels: 1 | 3;
}

/**
 * The pixel layout when the dataset was read as images (an image folder or IDX files), else null.
 * A table whose columns happen to be pixels (scikit-learn's 8x8 digits CSV) is treated as a table:
 * nothing in a CSV says its columns form a grid, and at 8x8 a one-pixel shift is an eighth of the
 * image, not an augmentation.
 */
export function imageLayout(dataset: Pick<Dataset, 'format' | 'numFeatures'>): ImageLayout | null {
  if (dataset.format !== 'images' && dataset.format !== 'idx') return null;
  const gray = Math.round(Math.sqrt(dataset.numFeatures));
  if (gray * gray === dataset.numFeatures) return { side: gray, channels: 1 };
  const rgb = Math.round(Math.sqrt(dataset.numFeatures / 3));
  if (rgb * rgb * 3 === dataset.numFeatures) return { side: rgb, channels: 3 };
  return null;
}
