import { CellValue } from './tableBuilder';

export type BagDecision = { kind: 'array'; width: number } | { kind: 'bag'; note: string };

/**
 * JSONL array fields. Arrays of finite numbers that all have the same length (≥ 1) in the first
 * rows are a fixed-width vector (one feature per position). Anything else (lengths that vary,
 * empty arrays, strings or objects inside, scalars mixed in) is a bag of values: one 0/1 feature
 * per distinct value, like a multi-valued category.
 */
export function decideArrayKind(arrays: unknown[][], nonArrays: number): BagDecision {
  const width = arrays[0].length;
  const numeric = arrays.every((a) => a.every((v) => typeof v === 'number' && Number.isFinite(v)));
  const sameLength = arrays.every((a) => a.length === width);
  if (numeric && sameLength && width > 0 && nonArrays === 0) return { kind: 'array', width };
  const lengths = arrays.map((a) => a.length);
  const why = !sameLength || width === 0
    ? `arrays of ${Math.min(...lengths)} to ${Math.max(...lengths)} values`
    : !numeric ? 'arrays holding non-numbers' : 'arrays mixed with single values';
  return { kind: 'bag', note: `${why}: bag of values` };
}

/** The distinct values a bag cell holds, as text (a single value is a bag of one). */
export function bagValues(value: CellValue): string[] {
  const items = Array.isArray(value) ? value : [value];
  const out = new Set<string>();
  for (const item of items) {
    if (item === null || item === undefined) continue;
    out.add(typeof item === 'object' ? JSON.stringify(item) : String(item).trim());
  }
  return [...out];
}
