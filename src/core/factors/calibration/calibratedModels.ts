import { MonotoneLogisticModel } from './monotoneLogistic';

/** How one prediction did on held-out datasets, against the best baseline (docs/CALIBRATION.md). */
export interface HeldOutQuality {
  auroc: number | null;
  baseline: string;
  baselineAuroc: number | null;
}

/** The fitted predictions that ship (src/core/factors/calibration/calibratedCoefficients.ts, written by `npm run calibrate`). */
export interface CalibratedModels {
  /** P(the recommended method leaves |p_unlearned − p_retrained| > 0.1). */
  residualRisk: MonotoneLogisticModel;
  /** P(the forget audit's verdict "cannot be removed by deletion alone": similar samples keep its label). */
  persistence: MonotoneLogisticModel;
  /** The same risk for each algorithm that moved the forget set often enough to fit. */
  residualRiskByAlgorithm: Record<string, MonotoneLogisticModel>;
  /** Request features assumed when no request is known yet (the audit): the calibration runs' medians. */
  requestReference: Record<string, number>;
  /**
   * The rule fixed before the run (calibrate/decide.ts): true only if both predictions' held-out
   * AUROC is at least the best baseline's. False: `difficulty` stays the factor composite.
   */
  drivesDifficulty: boolean;
  heldOut: { residualRisk: HeldOutQuality; persistence: HeldOutQuality };
  fittedOn: { rows: number; requests: number; datasets: string[] };
}
