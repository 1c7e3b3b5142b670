import { createRandom } from '../../src/core/util/random';
import { DigitRow } from './digits';

/** Give a row another (wrong) label, deterministically. */
export function mislabel(row: DigitRow): void {
  row.label = (row.label + 3) % 10;
}

/**
 * `count` copies of a row with the same label, each with `noisyPixels` random ink pixels (non-zero:
 * a scanner's noise on the strokes) moved by up to `maxChange` grey levels (clipped to 0..16) and,
 * if `shift`, the image moved one pixel right first, and with `contrast` c every pixel scaled by a
 * random gain in [1 − c, 1 + c] (an augmentation's contrast change). Seeded.
 */
export function noisyCopies(row: DigitRow, count: number, noise: { noisyPixels: number; maxChange: number; shift?: boolean; contrast?: number }, seed: number): DigitRow[] {
  const random = createRandom(seed);
  return Array.from({ length: count }, (_, c) => {
    let pixels = row.pixels.slice();
    if (noise.shift) pixels = pixels.map((_, j) => (j % 8 === 0 ? 0 : row.pixels[j - 1]));
    if (noise.contrast) {
      const gain = 1 + (random() * 2 - 1) * noise.contrast;
      pixels = pixels.map((v) => Math.min(16, Math.round(v * gain)));
    }
    const ink = pixels.flatMap((v, j) => (v > 0 ? [j] : []));
    for (let k = 0; k < noise.noisyPixels; k++) {
      const j = ink[Math.floor(random() * ink.length)];
      const change = Math.round((random() * 2 - 1) * noise.maxChange);
      pixels[j] = Math.max(0, Math.min(16, pixels[j] + change));
    }
    return { id: `${row.id}c${c + 1}`, pixels, label: row.label };
  });
}
