import { CALIBRATED_MODELS } from './calibration/calibratedCoefficients';
import { CalibratedModels } from './calibration/calibratedModels';
import { FeatureContext, RequestInputs, SampleFactorInputs, featureValues, featureVector, requestFeatures } from './calibration/features';
import { predictMonotoneLogistic } from './calibration/monotoneLogistic';

/**
 * The two calibrated predictions (fitted by `npm run calibrate` on simulated deletions) and the
 * difficulty built from them. Definitions: docs/science.md, "Calibrated difficulty".
 */
export interface CalibratedScores {
  residualRisk: number;
  persistence: number;
  /** max(residualRisk, persistence): a sample is hard if either says so. */
  difficulty: number;
  drivenBy: 'persistence' | 'residualRisk';
}

/** From this on a prediction counts in the summary ("needs strong unlearning", "cannot be removed by deletion alone"). */
export const CALIBRATED_FROM = 0.5;

/** Below this neither prediction is worth naming as the driver (the panel's "moderately hard" starts here). */
export const EASY_BELOW = 0.3;

/** Without a request (the per-sample audit), the request features are the calibration runs' medians. */
export function predictCalibrated(f: SampleFactorInputs, context: FeatureContext, request?: RequestInputs, models: CalibratedModels = CALIBRATED_MODELS): CalibratedScores {
  const values = featureValues(f, context, request ? requestFeatures(request) : models.requestReference);
  const residualRisk = round4(predictMonotoneLogistic(models.residualRisk, featureVector(models.residualRisk.features, values)));
  const persistence = round4(predictMonotoneLogistic(models.persistence, featureVector(models.persistence.features, values)));
  return { residualRisk, persistence, difficulty: Math.max(residualRisk, persistence), drivenBy: persistence >= residualRisk ? 'persistence' : 'residualRisk' };
}

/** Per algorithm the calibration could fit: P(it leaves |residual| > 0.1) for this sample in this request. */
export function residualRiskByAlgorithm(f: SampleFactorInputs, context: FeatureContext, request: RequestInputs, models: CalibratedModels = CALIBRATED_MODELS): Record<string, number> {
  const values = featureValues(f, context, requestFeatures(request));
  return Object.fromEntries(Object.entries(models.residualRiskByAlgorithm).map(([name, model]) => [name, round4(predictMonotoneLogistic(model, featureVector(model.features, values)))]));
}

/**
 * When the held-out rule kept `difficulty` on the composite, the predictions are still shown, with
 * their measured quality, so no reader takes them for a better ranking than they are.
 */
export function shownOnlyReason(scores: CalibratedScores, models: CalibratedModels = CALIBRATED_MODELS): string {
  const q = (name: 'residualRisk' | 'persistence') => {
    const h = models.heldOut[name];
    return `${h.auroc === null ? 'n/a' : h.auroc.toFixed(2)} vs ${h.baseline} ${h.baselineAuroc === null ? 'n/a' : h.baselineAuroc.toFixed(2)}`;
  };
  return `calibrated predictions, not used for the ranking (held-out AUROC unlearning risk ${q('residualRisk')}, persistence ${q('persistence')}; docs/CALIBRATION.md): the recommended method leaves more than 0.1 behind with probability ${scores.residualRisk.toFixed(2)}; deletion alone fails with probability ${scores.persistence.toFixed(2)}`;
}

/**
 * The lead reason, naming which prediction drives the sample, e.g. "deleting it alone leaves its
 * influence: 4 similar samples keep it" or "needs real unlearning: memorized; …".
 */
export function calibratedReason(scores: CalibratedScores, f: { similarCount: number; memorization: number | null }): string {
  if (scores.difficulty < EASY_BELOW) {
    return `easy to forget: the recommended method leaves more than 0.1 behind with probability ${scores.residualRisk.toFixed(2)}, and deletion alone fails with probability ${scores.persistence.toFixed(2)}`;
  }
  if (scores.drivenBy === 'persistence') {
    const similar = f.similarCount > 0 ? `${f.similarCount} similar ${f.similarCount === 1 ? 'sample keeps' : 'samples keep'} it` : 'samples like it keep it';
    return `deleting it alone leaves its influence: ${similar} (persistence ${scores.persistence.toFixed(2)}; unlearning risk ${scores.residualRisk.toFixed(2)})`;
  }
  const memorized = (f.memorization ?? 0) >= 0.5 ? `memorized (${f.memorization!.toFixed(2)}); ` : '';
  return `needs real unlearning: ${memorized}the recommended method leaves more than 0.1 behind with probability ${scores.residualRisk.toFixed(2)} (persistence ${scores.persistence.toFixed(2)})`;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
