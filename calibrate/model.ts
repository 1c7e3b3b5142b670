import { FeatureValues, featureVector } from '../src/core/factors/calibration/features';
import { MonotoneLogisticModel, fitMonotoneLogistic, predictMonotoneLogistic } from '../src/core/factors/calibration/monotoneLogistic';
import { spearman } from '../src/core/util/stats';

/**
 * Fit one monotone logistic model on the named features. Each feature's direction is the sign of
 * its Spearman with the target on the training rows only, so a held-out dataset never influences it.
 */
export function fitDirected(names: readonly string[], rows: FeatureValues[], targets: number[]): MonotoneLogisticModel {
  const x = rows.map((r) => featureVector(names, r));
  const signs = names.map((_, j) => {
    const rho = spearman(x.map((r) => r[j]), targets);
    return Number.isFinite(rho) && rho < 0 ? -1 : 1;
  });
  return fitMonotoneLogistic([...names], x, targets, { signs, l2: 0.01, iterations: 1000 });
}

export function predictDirected(model: MonotoneLogisticModel, row: FeatureValues): number {
  return predictMonotoneLogistic(model, featureVector(model.features, row));
}
