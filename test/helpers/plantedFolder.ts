import { createRandom, permutation } from '../../src/core/util/random';
import { GrayImage, brightnessContrast, folderPath, gaussianNoise, readFashion, resized, shifted, writeJpeg, writePng } from './plantedImages';
import { PlantedPair } from './plantedScore';

// Copies of Fashion-MNIST images augmented or re-encoded as a data pipeline would (PNG or JPEG).
type Planting = { type: string; make: (image: GrayImage, random: () => number) => GrayImage; jpegQuality?: number };
export const IMAGE_PLANTINGS: Planting[] = [
  { type: 'shift 1 px', make: (im, r) => shifted(im, r() < 0.5 ? 1 : -1, r() < 0.5 ? 1 : 0) },
  { type: 'shift 2 px', make: (im, r) => shifted(im, r() < 0.5 ? 2 : -2, r() < 0.5 ? 1 : -1) },
  { type: 'brightness/contrast', make: (im, r) => brightnessContrast(im, 0.75 + 0.5 * r(), -25 + 50 * r()) },
  { type: 'noise σ=8', make: (im, r) => gaussianNoise(im, 8, r) },
  { type: 'noise σ=16', make: (im, r) => gaussianNoise(im, 16, r) },
  { type: 'JPEG q=75', make: (im) => im, jpegQuality: 75 },
  { type: 'JPEG q=40', make: (im) => im, jpegQuality: 40 },
  { type: 'resized 40 px', make: (im) => resized(im, 40, 40) },
  { type: 'resized 20 px', make: (im) => resized(im, 20, 20) },
  { type: 'shift+brightness+noise, JPEG', make: (im, r) => gaussianNoise(brightnessContrast(shifted(im, 1, r() < 0.5 ? 1 : -1), 1.15, 15), 6, r), jpegQuality: 85 },
];

/**
 * An image folder under `root` of the first `originals` Fashion-MNIST images (PNG), `perType`
 * copies for each planting with the source's label, and `perType` mild-noise copies filed under
 * another class (label conflicts). `split` t10k: from the test images instead.
 */
export function writePlantedFolder(root: string, originals: number, perType: number, split: 'train' | 't10k' = 'train'): { pairs: PlantedPair[]; conflicts: PlantedPair[] } {
  const data = readFashion(originals, split);
  const ids = data.map((d, i) => {
    writePng(folderPath(root, d.label, `f${i}.png`), d.image);
    return `f${i}`;
  });
  const random = createRandom(11);
  const order = permutation(originals, random);
  const pairs: PlantedPair[] = [];
  let next = 0;
  for (const planting of IMAGE_PLANTINGS) {
    for (let c = 0; c < perType; c++) {
      const i = order[next++];
      const copy = planting.make(data[i].image, random);
      const name = `copy${next}.${planting.jpegQuality ? 'jpg' : 'png'}`;
      const file = folderPath(root, data[i].label, name);
      if (planting.jpegQuality) writeJpeg(file, copy, planting.jpegQuality);
      else writePng(file, copy);
      pairs.push({ source: ids[i], copy: `copy${next}`, type: planting.type });
    }
  }
  // Mild noise copies filed under another class: label conflicts.
  const conflicts: PlantedPair[] = [];
  for (let c = 0; c < perType; c++) {
    const i = order[next++];
    const label = (data[i].label + 1 + (c % 9)) % 10;
    writePng(folderPath(root, label, `conflict${c}.png`), gaussianNoise(data[i].image, 8, random));
    conflicts.push({ source: ids[i], copy: `conflict${c}`, type: 'other label' });
  }
  return { pairs, conflicts };
}

