import { AuditReport } from '../report/auditSchema';
import { HeldOutEvidence } from '../unlearn/types';

/**
 * The per-sample audit's evidence of how a model that never saw each sample does on it, by
 * dataset index (the held-out rule's forget target): the memorization of the samples it trained
 * on, and whether its model got right the samples it held out.
 */
export function auditEvidence(audit: Pick<AuditReport, 'samples'>, ids: readonly string[]): HeldOutEvidence {
  const byId = new Map(audit.samples.map((s) => [s.id, s]));
  const memorization = new Float32Array(ids.length).fill(NaN);
  const heldOutCorrect = new Float32Array(ids.length).fill(NaN);
  ids.forEach((id, i) => {
    const sample = byId.get(id);
    if (!sample) return;
    if (sample.split === 'test') heldOutCorrect[i] = sample.factors.predictedLabel === sample.label ? 1 : 0;
    else if (sample.factors.memorization !== null) memorization[i] = sample.factors.memorization;
  });
  return { memorization, heldOutCorrect };
}
