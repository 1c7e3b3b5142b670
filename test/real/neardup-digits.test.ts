import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { createRandom, permutation } from '../../src/core/util/random';
import { DigitRow, readDigits, writeDigitsCsv } from '../helpers/digits';
import { PlantedPair, formatScores, scorePlanted } from '../helpers/plantedScore';
import { tempDir } from '../helpers/tempFiles';

// Real data: scikit-learn's 1797 digits (a 64-column table, 0..16 per cell), with copies of some
// rows carrying small numeric noise, as a re-scan or a rounding pipeline would leave them.
const PER_TYPE = 20;
const dir = tempDir();

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

function plant(rows: DigitRow[]): PlantedPair[] {
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

test('digits: copies with small numeric noise are near-duplicates at the dataset-adaptive threshold', async () => {
  const rows = readDigits();
  const pairs = plant(rows);
  const { report } = await runAudit(writeDigitsCsv(path.join(dir, 'digits.csv'), rows), { mode: 'fast', seed: 2 });
  const scores = scorePlanted(report, pairs);
  console.log(formatScores(`digits, 1797 originals; ${report.diagnostics.nearDuplicates?.why}`, scores));
  const planted = new Set(pairs.flatMap((p) => [p.source, p.copy]));
  const others = report.samples.filter((s) => !planted.has(s.id) && s.factors.similarCount > 0).length;
  console.log(`untouched digits with a flagged neighbour: ${others}/${report.samples.length - planted.size}`);
  assert.equal(report.diagnostics.nearDuplicates?.method, 'cosine');
  for (const s of scores.filter((x) => CLAIMED.has(x.type))) {
    assert.ok(s.recall >= 0.95, `${s.type}: recall ${s.recall}`);
    assert.ok(s.precision >= 0.9, `${s.type}: precision ${s.precision}`);
  }
});

// The noise levels reaching the targets (docs/VALIDATION.md reports the others).
const CLAIMED = new Set(['one cell ±1', '8 cells ±1']);
