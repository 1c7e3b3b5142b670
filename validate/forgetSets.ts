import { AuditReport, AuditSample } from '../src/core/report/auditSchema';
import { createRandom, deriveSeed, permutation } from '../src/core/util/random';

export interface NamedSet {
  name: string;
  ids: string[];
}

/** Training samples the audit scored (held-out ones have no memorization). */
function trainSamples(report: AuditReport): AuditSample[] {
  return report.samples.filter((s) => s.split === 'train' && s.factors.memorization !== null);
}

function pickRandom<T>(items: T[], count: number, seed: number, purpose: string): T[] {
  const order = permutation(items.length, createRandom(deriveSeed(seed, purpose)));
  return Array.from(order.subarray(0, Math.min(count, items.length)), (k) => items[k]);
}

/**
 * Forget sets by the thorough memorization estimate (ties broken by its soft version):
 * low: drawn at random from the lowest third; high: the `size` highest; mixed: a third of each of
 * low, a random draw from the middle third, and high (RUM's "mixed" forget set).
 */
export function memorizationSets(report: AuditReport, size: number, seed: number): { low: NamedSet; high: NamedSet; mixed: NamedSet } {
  const sorted = trainSamples(report).sort(
    (a, b) =>
      a.factors.memorization! - b.factors.memorization! || (a.factors.memorizationSoft ?? 0) - (b.factors.memorizationSoft ?? 0) || a.id.localeCompare(b.id),
  );
  const third = Math.floor(sorted.length / 3);
  const low = pickRandom(sorted.slice(0, third), size, seed, 'low-memorization').map((s) => s.id);
  const middle = pickRandom(sorted.slice(third, 2 * third), size, seed, 'middle-memorization').map((s) => s.id);
  const high = sorted.slice(-size).reverse().map((s) => s.id);
  const part = Math.floor(size / 3);
  const mixed = [...low.slice(0, part), ...middle.slice(0, part), ...high.slice(0, size - 2 * part)];
  return { low: { name: 'low-memorization', ids: low }, high: { name: 'high-memorization', ids: high }, mixed: { name: 'mixed', ids: mixed } };
}

/**
 * Forget sets meant to differ in set-level Entanglement Score (measured afterwards, in the forget
 * audit's own model): one class's `size` least entangled samples (compact, apart from the rest),
 * a random draw over all classes, and the `size` samples with the highest per-sample entanglement.
 */
export function entanglementSets(report: AuditReport, size: number, seed: number): NamedSet[] {
  const train = trainSamples(report);
  const byClass = new Map<string, AuditSample[]>();
  for (const s of train) byClass.set(s.label, [...(byClass.get(s.label) ?? []), s]);
  const largest = [...byClass.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0][1];
  const byEntanglement = (list: AuditSample[]) => list.slice().sort((a, b) => a.factors.entanglement - b.factors.entanglement || a.id.localeCompare(b.id));
  return [
    { name: 'one-class-core', ids: byEntanglement(largest).slice(0, size).map((s) => s.id) },
    { name: 'random', ids: pickRandom(train, size, seed, 'random-set').map((s) => s.id) },
    { name: 'boundary', ids: byEntanglement(train).slice(-size).map((s) => s.id) },
  ];
}

/** Claim 5: two disjoint random groups of row indices (among the original rows). */
export function copiesGroups(rows: number, size: number, seed: number): { withCopies: number[]; withoutCopies: number[] } {
  const order = Array.from(permutation(rows, createRandom(deriveSeed(seed, 'copies-groups'))));
  return { withCopies: order.slice(0, size), withoutCopies: order.slice(size, 2 * size) };
}

/** Mean of a per-sample factor over a set, from an audit report. */
export function meanFactor(report: AuditReport, ids: string[], pick: (s: AuditSample) => number | null): number {
  const byId = new Map(report.samples.map((s) => [s.id, s]));
  const values = ids.map((id) => pick(byId.get(id)!)).filter((v): v is number => v !== null && Number.isFinite(v));
  return values.reduce((a, b) => a + b, 0) / values.length;
}
