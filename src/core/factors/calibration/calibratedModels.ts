import { MonotoneLogisticModel } from './monotoneLogistic';

/** The fitted predictions that ship (src/core/factors/calibration/calibratedCoefficients.ts, written by `npm run calibrate`). */
export interface CalibratedModels {
  /** P(the recommended method leaves |p_unlearned − p_retrained| > 0.1). */
  residualRisk: MonotoneLogisticModel;
  /** The predicted share of own-label confidence that similar samples keep after deletion. */
  persistence: MonotoneLogisticModel;
  /** The same risk for each algorithm that moved the forget set often enough to fit. */
  residualRiskByAlgorithm: Record<string, MonotoneLogisticModel>;
  /** Request features assumed when no request is known yet (the audit): the calibration runs' medians. */
  requestReference: number[];
  fittedOn: { rows: number; requests: number; datasets: string[] };
}
