import { InputError } from '../errors';
import { ParsedTable } from './tableBuilder';

/** More distinct numeric labels than this may be a regression target. */
const MAX_CLASSES_BEFORE_SUSPICION = 20;

/**
 * A label column is continuous when every label is a number, there are more than 20 distinct
 * values, and either some value is not a whole number or most distinct values occur only once.
 * Auditing such a column as classes would make every sample its own class.
 */
export function continuousLabelReason(labels: string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
  if (counts.size <= MAX_CLASSES_BEFORE_SUSPICION) return undefined;
  const values = [...counts.keys()].map(Number);
  if (values.some((v) => !Number.isFinite(v))) return undefined;
  const singletons = [...counts.values()].filter((c) => c === 1).length;
  if (values.some((v) => !Number.isInteger(v))) return `${counts.size} distinct numbers, not all whole`;
  if (singletons > counts.size / 2) return `${counts.size} distinct numbers, ${singletons} of them on one row only`;
  return undefined;
}

export function refuseContinuousLabel(table: ParsedTable): void {
  const reason = continuousLabelReason(table.labels);
  if (!reason) return;
  throw new InputError(
    `label column "${table.labelColumn}" looks continuous (${reason}): ForgetLens audits classifiers. ` +
      'Pick a class column with --label <column>, or bin this one into N quantile classes with --bins N',
    table.file,
    undefined,
    table.labelColumn,
  );
}

/**
 * Inner edges of `bins` quantile bins: edge k is the value at rank ⌊k·n/bins⌋ of the sorted labels.
 * Ties can merge bins, so there may be fewer edges than bins − 1.
 */
export function quantileEdges(values: number[], bins: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.floor((k * sorted.length) / bins)];
    if (edge > sorted[0] && (edges.length === 0 || edge > edges[edges.length - 1])) edges.push(edge);
  }
  return edges;
}

/** Replace each numeric label by the name of its bin, "q1 [lo, hi)", with the edges given. */
export function binLabels(table: ParsedTable, edges: number[]): void {
  const names = binNames(edges);
  table.labels = table.labels.map((label, i) => {
    const v = Number(label);
    if (label.trim() === '' || !Number.isFinite(v)) {
      throw new InputError(`label "${label}" is not a number, so it cannot be binned (--bins)`, table.file, table.lines[i] || undefined, table.labelColumn);
    }
    let bin = 0;
    while (bin < edges.length && v >= edges[bin]) bin++;
    return names[bin];
  });
}

export function numericLabels(table: ParsedTable): number[] {
  return table.labels.map(Number).filter(Number.isFinite);
}

function binNames(edges: number[]): string[] {
  const bounds = ['-inf', ...edges.map((e) => String(e)), 'inf'];
  // Numbered so that the classes sort in bin order.
  const width = String(edges.length + 1).length;
  return bounds.slice(0, -1).map((lo, k) => `q${String(k + 1).padStart(width, '0')} [${lo}, ${bounds[k + 1]})`);
}
