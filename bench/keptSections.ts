import * as fs from 'node:fs';

/**
 * Sections of docs/BENCHMARKS.md that `npm run bench` does not measure (the results panel's grid
 * is measured by its browser test, the reading phases by bench/readPhases.ts, the Parquet reader comparison by bench/parquetReaders.ts, which
 * needs packages that are not dependencies): carried over from the existing file so a rerun keeps them.
 */
export const KEPT_HEADINGS = ['## Results panel: the samples grid', '## Parquet readers compared: hyparquet and parquet-wasm', '## Reading in two threads: CPU seconds by thread'];

export function keptSections(file: string): string[] {
  if (!fs.existsSync(file)) return [];
  const text = fs.readFileSync(file, 'utf8');
  const kept: string[] = [];
  for (const heading of KEPT_HEADINGS) {
    const start = text.indexOf(`\n${heading}\n`);
    if (start < 0) continue;
    const next = text.indexOf('\n## ', start + heading.length + 2);
    kept.push(text.slice(start + 1, next < 0 ? undefined : next).trimEnd());
  }
  return kept;
}
