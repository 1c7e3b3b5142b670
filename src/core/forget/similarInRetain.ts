import { AuditSample } from '../report/auditSchema';

/** A forget sample's near-duplicates (from the audit) that stay in the retain set. */
export function similarInRetain(sample: AuditSample, forgetIds: Set<string>, retainIds: Set<string>): Array<{ id: string; similarity: number }> {
  return sample.factors.similarIds
    .map((id, k) => ({ id, similarity: sample.factors.similarities[k] }))
    .filter((s) => !forgetIds.has(s.id) && retainIds.has(s.id));
}
