/** Accuracies as a forget report lists them per model. */
export interface ReportedAccuracies {
  forgetAcc: number | null;
  retainAcc: number | null;
  testAcc: number | null;
}

/**
 * ToW by its definition (../shared/docs/SCIENCE.md), written here apart from src/core/metrics so a
 * test can check the report's ToW against the accuracies the report shows.
 */
export function towFromAccuracies(m: ReportedAccuracies, retrain: ReportedAccuracies): number {
  const term = (a: number | null, b: number | null) => (a === null || b === null ? 1 : 1 - Math.min(1, Math.abs(a - b)));
  return term(m.forgetAcc, retrain.forgetAcc) * term(m.retainAcc, retrain.retainAcc) * term(m.testAcc, retrain.testAcc);
}
