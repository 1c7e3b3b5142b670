import * as fs from 'node:fs';
import * as path from 'node:path';

/** The shipped example: scikit-learn's 1797 8x8 digits (see scripts/make-examples.mjs). */
export const DIGITS_CSV = path.join(__dirname, '..', '..', 'examples', 'digits.csv');

export interface DigitRow {
  id: string;
  pixels: number[];
  label: number;
}

export function readDigits(): DigitRow[] {
  const [, ...lines] = fs.readFileSync(DIGITS_CSV, 'utf8').trim().split('\n');
  return lines.map((line) => {
    const cells = line.split(',');
    return { id: cells[0], pixels: cells.slice(1, 65).map(Number), label: Number(cells[65]) };
  });
}

export function writeDigitsCsv(file: string, rows: DigitRow[]): string {
  const header = ['id', ...Array.from({ length: 64 }, (_, j) => `p${j}`), 'label'].join(',');
  fs.writeFileSync(file, [header, ...rows.map((r) => [r.id, ...r.pixels, r.label].join(','))].join('\n') + '\n');
  return file;
}

/** Every `every`-th sample (from `offset`) gets another label; returns the flipped ids. */
export function flipLabels(rows: DigitRow[], every: number, offset: number): Set<string> {
  const flipped = new Set<string>();
  rows.forEach((row, i) => {
    if (i % every === offset) {
      row.label = (row.label + 1 + (i % 9)) % 10;
      flipped.add(row.id);
    }
  });
  return flipped;
}

/** Append a near-copy (one pixel nudged by one grey level) of each listed row; returns [original, copy] id pairs. */
export function plantNearCopies(rows: DigitRow[], indices: number[]): Array<[string, string]> {
  return indices.map((i, k) => {
    const pixels = rows[i].pixels.slice();
    const j = pixels.findIndex((v) => v > 0 && v < 16);
    pixels[j] += 1;
    const copy = { id: `copy${k + 1}`, pixels, label: rows[i].label };
    rows.push(copy);
    return [rows[i].id, copy.id];
  });
}

/**
 * Flags on samples without a planted copy, each with how far (mean absolute difference, grey
 * levels of 16 per cell) its most similar flagged neighbour is: under one is an independent sign
 * that the digits data hold a real near-copy there (the same writer's 1s and 4s).
 */
export function untouchedFlags(
  samples: Array<{ id: string; factors: { similarCount: number; similarIds: string[] } }>,
  rows: DigitRow[],
  planted: Set<string>,
): Array<{ id: string; other: string; meanAbsDiff: number }> {
  const pixelsOf = new Map(rows.map((r) => [r.id, r.pixels]));
  return samples
    .filter((x) => !planted.has(x.id) && x.factors.similarCount > 0)
    .map((s) => {
      const a = pixelsOf.get(s.id)!;
      const b = pixelsOf.get(s.factors.similarIds[0])!;
      return { id: s.id, other: s.factors.similarIds[0], meanAbsDiff: a.reduce((sum, v, k) => sum + Math.abs(v - b[k]), 0) / a.length };
    });
}
