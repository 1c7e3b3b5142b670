import type { AuditSample } from '../../core/report/auditSchema';

/** Difficulty from which a sample is "hard to forget" (the audit's summary counts these). */
export const HARD_FROM = 0.5;
/** Difficulty from which a sample is worth a look: annotated, badged, "moderately hard". */
export const MODERATE_FROM = 0.3;

/** The audit's reason for a sample with no factor above its floor. */
const TYPICAL_REASON = /^no strong factor\b/;

const FACTOR_WORDS: Record<string, string> = {
  memorization: 'memorization',
  similarSamples: 'near-duplicates',
  entanglement: 'entanglement',
  labelDisagreement: 'label disagreement',
  learningDifficulty: 'learning difficulty',
};

/** The calibrated predictions of a sample, when its report has them. */
export function predictionsOf(sample: Pick<AuditSample, 'factors'>): { residualRisk: number; persistence: number } | null {
  const { residualRisk, persistence } = sample.factors;
  return typeof residualRisk === 'number' && typeof persistence === 'number' ? { residualRisk, persistence } : null;
}

/** Both predictions and, in words, which one sets the difficulty. */
export function predictionLine(sample: Pick<AuditSample, 'factors' | 'drivenBy'>): string {
  const p = predictionsOf(sample);
  if (!p) return '';
  // The held-out rule kept the composite as difficulty (docs/CALIBRATION.md): the predictions are shown, not ranked by.
  if (sample.drivenBy === 'composite') return `unlearning risk ${p.residualRisk.toFixed(2)} · persistence ${p.persistence.toFixed(2)} → not used for the ranking: difficulty is the factor composite`;
  const driver = sample.drivenBy === 'persistence' ? 'deletion alone leaves its influence' : 'needs real unlearning';
  return `unlearning risk ${p.residualRisk.toFixed(2)} · persistence ${p.persistence.toFixed(2)} → ${Math.max(p.residualRisk, p.persistence) < MODERATE_FROM ? 'neither is high' : driver}`;
}

/** The end-of-line version: which prediction drives the sample, in a few words. */
export function shortDriver(sample: Pick<AuditSample, 'factors' | 'drivenBy'>): string | null {
  const p = predictionsOf(sample);
  if (!p || sample.drivenBy === 'composite' || Math.max(p.residualRisk, p.persistence) < MODERATE_FROM) return null;
  const f = sample.factors;
  if (sample.drivenBy === 'persistence') {
    return `deleting it alone leaves its influence: ${f.similarCount > 0 ? `${f.similarCount} similar ${f.similarCount === 1 ? 'sample keeps' : 'samples keep'} it` : 'samples like it keep it'}`;
  }
  return `needs real unlearning${(f.memorization ?? 0) >= 0.5 ? ': memorized' : ''}; methods may leave > 0.1 behind`;
}

/** The words for a difficulty score, so an annotation never says more (or less) than its number. */
export function difficultyLevel(difficulty: number): string {
  return difficulty >= HARD_FROM ? 'hard to forget' : difficulty >= MODERATE_FROM ? 'moderately hard to forget' : 'easy to forget';
}

/**
 * A sample's reasons as the editor and panel show them. A sample that is at least moderately hard
 * although no single factor is strong gets the factors that add up to its score instead of the
 * audit's "typical sample, easy to remove", which would contradict its score.
 */
export function reasonsInWords(sample: Pick<AuditSample, 'difficulty' | 'reasons' | 'contributions'>): string[] {
  if (sample.difficulty < MODERATE_FROM) return sample.reasons;
  const reasons = sample.reasons.filter((r) => !TYPICAL_REASON.test(r));
  if (reasons.length) return reasons;
  const parts = Object.entries(sample.contributions)
    .filter(([, value]) => value >= 0.01)
    .sort(([, a], [, b]) => b - a)
    .slice(0, 3)
    .map(([factor, value]) => `${FACTOR_WORDS[factor] ?? factor} ${value.toFixed(2)}`);
  return [`several small factors add up: ${parts.join(', ')}`];
}
