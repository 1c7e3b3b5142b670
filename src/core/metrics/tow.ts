/** Accuracy of one model on the forget, retain and test sets. */
export interface SplitAccuracy {
  forget: number;
  retain: number;
  test: number;
}

/**
 * Tug-of-war: ToW = (1−|Δforget|)·(1−|Δretain|)·(1−|Δtest|) between the unlearned and the
 * retrained model's accuracies; 1 means indistinguishable from retraining. Without a test set
 * its factor is 1.
 */
export function tugOfWar(unlearned: SplitAccuracy, retrained: SplitAccuracy): number {
  return (1 - gap(unlearned.forget, retrained.forget)) * (1 - gap(unlearned.retain, retrained.retain)) * (1 - gap(unlearned.test, retrained.test));
}

/** ToW-MIA: ToW with the forget-accuracy term replaced by the gap in MIA non-member share. */
export function tugOfWarMia(unlearned: SplitAccuracy, retrained: SplitAccuracy, miaUnlearned: number, miaRetrained: number): number {
  return (1 - gap(miaUnlearned, miaRetrained)) * (1 - gap(unlearned.retain, retrained.retain)) * (1 - gap(unlearned.test, retrained.test));
}

function gap(a: number, b: number): number {
  return Number.isFinite(a) && Number.isFinite(b) ? Math.min(1, Math.abs(a - b)) : 0;
}
