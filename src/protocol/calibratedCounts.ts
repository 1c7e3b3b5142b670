/**
 * The words for the two calibrated summary counts, shared by the panel header, the CodeLens and
 * the CLI summary. Each names what its number measures: residualRisk is a probability (≥ 0.5:
 * more likely than not), persistence a predicted share of confidence (≥ 0.5: at least half).
 * Neither is "hard": that is difficulty ≥ 0.5, a different score.
 */
export interface CalibratedCountSummary {
  cannotRemoveByDeletion?: number;
  needsStrongUnlearning?: number;
}

export function calibratedCountWords(s: CalibratedCountSummary): string[] {
  if (s.cannotRemoveByDeletion === undefined && s.needsStrongUnlearning === undefined) return [];
  return [
    `${s.needsStrongUnlearning ?? 0} likely to keep a residual > 0.1 after the recommended unlearning (unlearning risk ≥ 0.5)`,
    `${s.cannotRemoveByDeletion ?? 0} with at least half their confidence kept by similar samples after deletion alone (persistence ≥ 0.5)`,
  ];
}
