import { AuditReport } from '../../src/core/report/auditSchema';

export interface PlantedPair {
  source: string;
  copy: string;
  type: string;
}

export interface TypeScore {
  type: string;
  planted: number;
  found: number;
  /** Near-duplicate pairs flagged on the copies of this type. */
  flagged: number;
  /** Of those, pairs with the copy's own source or another copy of the same source. */
  correct: number;
  recall: number;
  precision: number;
}

/**
 * Recall and precision of the audit's near-duplicates on planted copies, per corruption type.
 * Precision is judged on the copies' flagged pairs only: pairs between two original samples may
 * be genuine near-duplicates already in the data, which nothing here can tell apart from errors.
 */
export function scorePlanted(report: AuditReport, pairs: PlantedPair[]): TypeScore[] {
  const byId = new Map(report.samples.map((s) => [s.id, s]));
  const sourceOf = new Map(pairs.map((p) => [p.copy, p.source]));
  const types = [...new Set(pairs.map((p) => p.type))];
  return types.map((type) => {
    const ofType = pairs.filter((p) => p.type === type);
    let found = 0;
    let flagged = 0;
    let correct = 0;
    for (const { source, copy } of ofType) {
      const similar = new Set(byId.get(copy)?.factors.similarIds ?? []);
      if (similar.has(source) || byId.get(source)?.factors.similarIds.includes(copy)) found++;
      for (const other of similar) {
        flagged++;
        if (other === source || sourceOf.get(other) === source) correct++;
      }
    }
    return {
      type,
      planted: ofType.length,
      found,
      flagged,
      correct,
      recall: found / ofType.length,
      precision: flagged === 0 ? 1 : correct / flagged,
    };
  });
}

export function formatScores(title: string, scores: TypeScore[]): string {
  const pct = (v: number) => `${(100 * v).toFixed(0)} %`;
  return [
    title,
    '| corruption | planted | found | recall | flagged pairs | precision |',
    '|---|---|---|---|---|---|',
    ...scores.map((s) => `| ${s.type} | ${s.planted} | ${s.found} | ${pct(s.recall)} | ${s.flagged} | ${pct(s.precision)} |`),
  ].join('\n');
}
