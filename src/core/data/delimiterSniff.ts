import { DecimalMark, Delimiter } from './delimitedTokenizer';

const CANDIDATES: Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_LINES = 100;

export interface DelimiterChoice {
  delimiter: Delimiter;
  decimalMark: DecimalMark;
  /** 'forced': --delimiter; 'sniffed': chosen from the first lines. */
  source: 'forced' | 'sniffed';
}

/**
 * Choose the delimiter from the first lines: the candidate that splits the most lines into the
 * same number (≥ 2) of fields, ties going to the extension's default (tab for .tsv, else comma).
 * The decimal mark is a comma only when the delimiter is not, some fields look like 1,5 and none
 * like 1.5; thousands separators are not recognised.
 */
export function sniffDelimiter(sample: string, preferred: Delimiter, forced?: Delimiter): DelimiterChoice {
  const lines = sample.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, SAMPLE_LINES);
  // The last line of a sample may be cut off.
  if (lines.length > 2) lines.pop();
  const delimiter = forced ?? bestDelimiter(lines, preferred);
  return { delimiter, decimalMark: decimalMarkOf(lines.slice(1), delimiter), source: forced ? 'forced' : 'sniffed' };
}

function bestDelimiter(lines: string[], preferred: Delimiter): Delimiter {
  let best = preferred;
  let bestScore = -1;
  for (const candidate of [preferred, ...CANDIDATES.filter((c) => c !== preferred)]) {
    const counts = lines.map((l) => splitOutsideQuotes(l, candidate).length);
    const mode = modeOf(counts);
    if (mode < 2) continue;
    const score = counts.filter((c) => c === mode).length / counts.length;
    if (score > bestScore + 1e-9) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

function decimalMarkOf(rows: string[], delimiter: Delimiter): DecimalMark {
  if (delimiter === ',') return '.';
  let commas = 0;
  let points = 0;
  for (const row of rows) {
    for (const field of splitOutsideQuotes(row, delimiter)) {
      const f = field.trim();
      if (/^[+-]?\d*,\d+$/.test(f)) commas++;
      else if (/^[+-]?\d*\.\d+$/.test(f)) points++;
    }
  }
  return commas > 0 && points === 0 ? ',' : '.';
}

function splitOutsideQuotes(line: string, delimiter: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === delimiter && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

function modeOf(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let mode = 0;
  let most = 0;
  for (const [v, c] of counts) {
    if (c > most || (c === most && v > mode)) {
      mode = v;
      most = c;
    }
  }
  return mode;
}
