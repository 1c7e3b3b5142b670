import { FeatureValues, featureVector } from '../src/core/factors/calibration/features';
import { MonotoneLogisticModel, fitMonotoneLogistic, predictMonotoneLogistic } from '../src/core/factors/calibration/monotoneLogistic';
import { spearman } from '../src/core/util/stats';
import { balancedWeights, priorLogit } from './balance';

/**
 * Fit one monotone logistic model on the named features. Each feature's direction is the sign of
 * its Spearman with the target on the training rows only, so a held-out dataset never influences it.
 * With `balance` (each row's dataset), every dataset and, within it, each outcome weighs the same,
 * and the intercept is then moved to the fixed `prior` (calibrate/balance.ts).
 */
export function fitDirected(names: readonly string[], rows: FeatureValues[], targets: number[], balance?: { by: string[]; prior: number }): MonotoneLogisticModel {
  const x = rows.map((r) => featureVector(names, r));
  const signs = names.map((_, j) => {
    const rho = spearman(x.map((r) => r[j]), targets);
    return Number.isFinite(rho) && rho < 0 ? -1 : 1;
  });
  if (!balance) return fitMonotoneLogistic([...names], x, targets, { signs, l2: 0.01, iterations: 1000 });
  const model = fitMonotoneLogistic([...names], x, targets, { signs, l2: 0.01, iterations: 1000, weights: balancedWeights(balance.by, targets) });
  return { ...model, intercept: model.intercept + priorLogit(balance.prior) };
}

export function predictDirected(model: MonotoneLogisticModel, row: FeatureValues): number {
  return predictMonotoneLogistic(model, featureVector(model.features, row));
}
