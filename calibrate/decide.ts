import { HeldOutQuality } from '../src/core/factors/calibration/calibratedModels';
import { CrossValidation, RULE_BASELINES, Scorer, TARGETS, Target } from './crossValidate';

export interface Decision {
  drivesDifficulty: boolean;
  heldOut: Record<Target, HeldOutQuality>;
  passed: Record<Target, boolean>;
}

export const BASELINE_NAMES: Record<Scorer, string> = {
  calibrated: 'calibrated prediction (held-out dataset)',
  memorization: 'memorization alone',
  lowConfidence: 'confidence alone (1 − confidence)',
  oldDifficulty: 'old composite difficulty',
  noiseCeiling: 'noise ceiling (other seed’s measurement)',
};

/**
 * The rule, fixed before the run: the calibrated predictions set `difficulty` only if, for both
 * targets, their pooled held-out AUROC point estimate is at least that of the best baseline
 * (memorization alone or the old composite). Otherwise `difficulty` stays the composite and the
 * predictions ship as fields with their measured quality.
 */
export function decide(cv: CrossValidation): Decision {
  const heldOut = {} as Record<Target, HeldOutQuality>;
  const passed = {} as Record<Target, boolean>;
  for (const target of TARGETS) {
    const pooled = cv.pooled[target];
    const best = RULE_BASELINES.reduce((a, b) => ((pooled[b]?.auroc.value ?? -1) > (pooled[a]?.auroc.value ?? -1) ? b : a));
    const ours = pooled.calibrated?.auroc.value ?? null;
    const theirs = pooled[best]?.auroc.value ?? null;
    heldOut[target] = { auroc: round3(ours), baseline: BASELINE_NAMES[best], baselineAuroc: round3(theirs) };
    passed[target] = ours !== null && theirs !== null && ours >= theirs;
  }
  return { drivesDifficulty: TARGETS.every((t) => passed[t]), heldOut, passed };
}

function round3(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1000) / 1000;
}
