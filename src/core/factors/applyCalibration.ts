import type { AuditSample } from '../report/auditSchema';
import { CALIBRATED_MODELS } from './calibration/calibratedCoefficients';
import { CalibratedModels } from './calibration/calibratedModels';
import { auditFeatureContext, sampleInputsOf } from './calibration/features';
import { calibratedReason, predictCalibrated, shownOnlyReason } from './calibratedDifficulty';

/** The composite's "nothing stands out" reason: contradicted once a calibrated reason leads. */
const TYPICAL = /^no strong factor\b/;
const HELD_OUT_REASON = 'held out from training to measure test accuracy: the audited model never saw it, so there is nothing to unlearn';

/** Recorded in each report's settings and documented in docs/science.md. */
export function difficultyFunction(models: CalibratedModels = CALIBRATED_MODELS): string {
  return models.drivesDifficulty
    ? 'max(residualRisk, persistence); 0 for held-out samples; the factor composite (compositeDifficulty) for a loaded model'
    : 'the factor composite (compositeDifficulty): the calibrated predictions did not both reach the best baseline on held-out AUROC (docs/CALIBRATION.md), so they are reported, not used';
}

/**
 * Second pass over an audit's samples (built with the composite as difficulty): the calibrated
 * predictions of every trained sample with a memorization estimate, ranked within this dataset.
 * They set `difficulty` only when the shipped models passed the held-out rule.
 */
export function applyCalibration(samples: AuditSample[], models: CalibratedModels = CALIBRATED_MODELS): void {
  const context = auditFeatureContext(samples);
  const trainedModel = samples.some((s) => s.factors.memorization !== null);
  for (const s of samples) {
    if (s.split === 'test' || s.factors.memorization === null) {
      s.drivenBy = 'composite';
      // A held-out sample of a trained model is not in it: nothing to unlearn (and the composite's scale must not outrank calibrated rows).
      if (models.drivesDifficulty && s.split === 'test' && trainedModel) {
        s.difficulty = 0;
        s.reasons = [HELD_OUT_REASON, ...s.reasons.filter((r) => !TYPICAL.test(r) && !r.startsWith('held out'))];
      }
      continue;
    }
    const scores = predictCalibrated(sampleInputsOf(s), context, undefined, models);
    s.factors.residualRisk = scores.residualRisk;
    s.factors.persistence = scores.persistence;
    if (models.drivesDifficulty) {
      s.difficulty = scores.difficulty;
      s.drivenBy = scores.drivenBy;
      s.reasons = [calibratedReason(scores, { similarCount: s.factors.similarCount, memorization: s.factors.memorization }), ...s.reasons.filter((r) => !TYPICAL.test(r))];
    } else {
      s.drivenBy = 'composite';
      s.reasons = [...s.reasons, shownOnlyReason(scores, models)];
    }
  }
}
