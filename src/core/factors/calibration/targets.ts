/**
 * What a simulated deletion measured, turned into the two targets the predictions are fitted to.
 * Definitions in docs/science.md ("Calibrated difficulty").
 */

/** A residual |p_unlearned − p_retrained| above this is "left behind" (the forget audit's own tolerance). */
export const RESIDUAL_TOLERANCE = 0.1;
/** An algorithm "moves the forget set" when its mean change of p(label) over F is at least this. */
export const MOVE_FLOOR = 0.01;

export interface AlgorithmEffect {
  name: string;
  /** Mean p_original − p_unlearned over F. */
  moved: number;
  tow: number;
}

/** The algorithms that move F at all; among them the forget audit's recommendation is the one with the highest ToW. */
export function movingAlgorithms(algorithms: AlgorithmEffect[]): AlgorithmEffect[] {
  return algorithms.filter((a) => Math.abs(a.moved) >= MOVE_FLOOR);
}

export function standardAlgorithm(algorithms: AlgorithmEffect[]): string | null {
  const moving = movingAlgorithms(algorithms);
  if (moving.length === 0) return null;
  return moving.reduce((best, a) => (a.tow > best.tow || (a.tow === best.tow && a.name < best.name) ? a : best)).name;
}

/**
 * Measured persistence: the share of the sample's own-label confidence that the retrain without it
 * keeps beyond a retrain without it and its most similar same-label samples too,
 * (p_retrain − p_retrain_without_carriers) / p_original, clipped to [0,1]. The engine runs that
 * counterfactual only for samples the retrain still predicts; for the others it is 0 (deletion
 * alone already takes the label away).
 */
export function measuredPersistence(pOriginal: number, pRetrain: number, pRetrainWithoutCarriers: number | null): number {
  if (pRetrainWithoutCarriers === null || pOriginal <= 0) return 0;
  return Math.max(0, Math.min(1, (pRetrain - pRetrainWithoutCarriers) / pOriginal));
}
