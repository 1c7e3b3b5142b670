import { CALIBRATION_FEATURES } from '../src/core/factors/calibration/features';
import { MonotoneLogisticModel, fitMonotoneLogistic } from '../src/core/factors/calibration/monotoneLogistic';
import { spearman } from '../src/core/util/stats';

/**
 * Fit one monotone logistic model. Each feature's direction is the sign of its Spearman with the
 * target on the training rows only, so a held-out dataset never influences it.
 */
export function fitDirected(x: number[][], targets: number[]): MonotoneLogisticModel {
  const signs = CALIBRATION_FEATURES.map((_, j) => {
    const rho = spearman(x.map((r) => r[j]), targets);
    return Number.isFinite(rho) && rho < 0 ? -1 : 1;
  });
  return fitMonotoneLogistic([...CALIBRATION_FEATURES], x, targets, { signs, l2: 0.01, iterations: 1500 });
}
