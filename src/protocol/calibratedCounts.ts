/**
 * The words for the two calibrated summary counts, shared by the panel header, the CodeLens and
 * the CLI summary. Each names what its number measures; both are calibrated probabilities, so
 * ≥ 0.5 is "more likely than not".
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
    `${s.cannotRemoveByDeletion ?? 0} likely to survive deletion alone through similar samples (persistence ≥ 0.5)`,
  ];
}
