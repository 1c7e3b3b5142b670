import { InvalidArgumentError } from 'commander';
import { Delimiter } from '../core/data/delimitedTokenizer';

/** Option parsers: a bad value becomes commander's usage error (exit code 2). */
export function wholeNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number');
  return n;
}

const DELIMITERS: Record<string, Delimiter> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|' };

export function delimiter(value: string): Delimiter {
  const found = DELIMITERS[value.toLowerCase()];
  if (!found) throw new InvalidArgumentError('expected one of , ; tab | (or comma, semicolon, pipe)');
  return found;
}

/** --bins: at least two classes. */
export function binCount(value: string): number {
  const n = wholeNumber(value);
  if (n < 2) throw new InvalidArgumentError('expected a whole number of at least 2');
  return n;
}

export function fraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 0.5) throw new InvalidArgumentError('expected a number from 0 to 0.5');
  return n;
}

export function thresholds(value: string): [number | 'auto', number] {
  const [input, embedding, ...rest] = value.split(',').map((p) => p.trim());
  const isCosine = (p: string | undefined) => p !== undefined && Number(p) > 0 && Number(p) <= 1;
  if (rest.length || !(input === 'auto' || isCosine(input)) || !(embedding === undefined || embedding === 'off' || isCosine(embedding))) {
    throw new InvalidArgumentError('expected an input similarity in (0,1] or auto, then optionally an embedding cosine in (0,1] or off: e.g. auto, 0.97,0.9 or auto,off');
  }
  return [input === 'auto' ? 'auto' : Number(input), embedding === undefined || embedding === 'off' ? -1 : Number(embedding)];
}


export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
}

export function positiveWholeNumber(value: string): number {
  const n = wholeNumber(value);
  if (n === 0) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
}
