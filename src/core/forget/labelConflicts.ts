import { AuditSample } from '../report/auditSchema';

/** A near-copy of a sample that carries another label (from the audit's near-duplicate search). */
export interface LabelConflict {
  id: string;
  label: string;
  similarity: number;
}

/** The audit's label conflicts of one sample, with each near-copy's label looked up by id (unknown ids are dropped). */
export function labelConflictsOf(sample: AuditSample, labelOf: (id: string) => string | undefined): LabelConflict[] {
  const ids = sample.factors.labelConflictIds ?? [];
  const similarities = sample.factors.labelConflictSimilarities ?? [];
  return ids.flatMap((id, k) => {
    const label = labelOf(id);
    return label === undefined ? [] : [{ id, label, similarity: similarities[k] ?? NaN }];
  });
}

/** In words for a reviewer: why a near-copy with another label is not something to delete too. */
export function labelConflictText(c: LabelConflict): string {
  const cosine = Number.isFinite(c.similarity) ? ` (cosine ${c.similarity.toFixed(3)})` : '';
  return `${c.id}${cosine}: a near-copy labelled ${c.label}: a label conflict, not a carrier — it pulls a model toward ${c.label}, so it makes deletion easier, not harder`;
}
