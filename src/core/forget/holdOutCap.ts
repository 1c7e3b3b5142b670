import { CandidateCarrier } from './candidateCarriers';

/**
 * The counterfactual retrain holds out F and the candidates of every tested sample at once. On a
 * request of typical samples those add up (a random 10 % of Fashion-MNIST held out 45 % of R),
 * and a retrain on half the data differs from the retrain without F for reasons that have nothing
 * to do with carriers. So the candidates held out may be at most this share of R.
 */
export const MAX_HELD_OUT_SHARE = 0.15;

export interface HoldOutChoice {
  /** Per sample (same order as the input): its candidates are held out and its verdict tested. */
  tested: boolean[];
  heldOut: Set<number>;
}

/**
 * Which samples' candidates fit under the cap. Samples whose closest candidate is most similar go
 * first: a near-copy is what can carry a sample whose label a model that never saw it still
 * predicts, while a sample whose nearest same-label neighbours are merely alike is typical of its
 * class, and its verdict (forgettable) rarely depends on the test. A sample is tested with all of
 * its candidates or not at all; one that does not fit is skipped and smaller ones after it may fit.
 */
export function chooseUnderCap(candidates: CandidateCarrier[][], retainSize: number, maxShare = MAX_HELD_OUT_SHARE): HoldOutChoice {
  const limit = Math.floor(retainSize * maxShare);
  const closest = candidates.map((list) => Math.max(-Infinity, ...list.map((c) => c.similarity)));
  const order = candidates.map((_, k) => k).sort((a, b) => closest[b] - closest[a] || a - b);
  const heldOut = new Set<number>();
  const tested = candidates.map(() => false);
  for (const k of order) {
    if (candidates[k].length === 0) continue;
    const added = candidates[k].filter((c) => !heldOut.has(c.index)).length;
    if (heldOut.size + added > limit) continue;
    candidates[k].forEach((c) => heldOut.add(c.index));
    tested[k] = true;
  }
  return { tested, heldOut };
}
