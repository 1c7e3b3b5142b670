import { createRandom, permutation } from '../../src/core/util/random';
import { DigitRow } from './digits';
import { PlantedPair } from './plantedScore';

// Copies of scikit-learn digits rows (0..16 per cell) carrying small numeric noise, as a re-scan or
// a rounding pipeline would leave them.
export const PER_TYPE = 20;

const clamp = (v: number) => Math.max(0, Math.min(16, Math.round(v)));
type Noise = { type: string; make: (pixels: number[], random: () => number) => number[] };
const NOISES: Noise[] = [
  { type: 'one cell ±1', make: (p, r) => p.map((v, j) => (j === Math.floor(r() * 64) ? clamp(v + (v < 16 ? 1 : -1)) : v)) },
  { type: '8 cells ±1', make: (p, r) => p.map((v) => (r() < 8 / 64 ? clamp(v + (r() < 0.5 ? 1 : -1)) : v)) },
  { type: 'Gaussian σ=0.5 on every cell', make: (p, r) => p.map((v) => clamp(v + 0.5 * gaussian(r))) },
  { type: 'Gaussian σ=1 on every cell', make: (p, r) => p.map((v) => clamp(v + gaussian(r))) },
  { type: 'Gaussian σ=2 on every cell', make: (p, r) => p.map((v) => clamp(v + 2 * gaussian(r))) },
];

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Appends PER_TYPE noisy copies per noise type to `rows` (same label as the source); returns the planted pairs. */
export function plantDigitCopies(rows: DigitRow[]): PlantedPair[] {
  const random = createRandom(5);
  const order = permutation(rows.length, random);
  const pairs: PlantedPair[] = [];
  let next = 0;
  for (const noise of NOISES) {
    for (let c = 0; c < PER_TYPE; c++) {
      const source = rows[order[next++]];
      const copy = { id: `copy${next}`, pixels: noise.make(source.pixels, random), label: source.label };
      pairs.push({ source: source.id, copy: copy.id, type: noise.type });
      rows.push(copy);
    }
  }
  return pairs;
}
