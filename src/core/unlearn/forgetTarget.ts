import { HeldOutEvidence } from './types';

export interface ForgetTarget {
  /** The forget accuracy a model that never saw the forget set is expected to have. */
  accuracy: number;
  /** How many of the forget samples the audit's evidence covered (the rest count at the held-out accuracy). */
  fromAudit: number;
  total: number;
}

/**
 * The forget accuracy to aim at. A model that never saw a random forget set predicts it about as
 * well as held-out data, but one retrained without highly memorized samples gets them right far
 * less often than held-out data. Memorization says by how much, per sample:
 * P[correct | held out] ≈ P[correct | in training] − mem(i), with the starting model's 0/1
 * correctness for the first term (it trained on i), clipped to [0, 1]. A sample the audit held
 * out has no memorization, but the audit's model never saw it: its correctness there is a direct
 * draw of P[correct | held out]. Samples with neither count at the held-out accuracy (the
 * validation split's: the test split is for reporting only).
 */
export function forgetTarget(forgetIdx: Int32Array, correctNow: ArrayLike<boolean>, heldOutAccuracy: number, evidence: HeldOutEvidence | undefined): ForgetTarget {
  let sum = 0;
  let fromAudit = 0;
  forgetIdx.forEach((i, k) => {
    const heldOut = evidence?.heldOutCorrect[i] ?? NaN;
    const memorization = evidence?.memorization[i] ?? NaN;
    if (Number.isFinite(heldOut)) {
      sum += heldOut;
      fromAudit++;
    } else if (Number.isFinite(memorization)) {
      sum += Math.min(1, Math.max(0, (correctNow[k] ? 1 : 0) - memorization));
      fromAudit++;
    } else {
      sum += heldOutAccuracy;
    }
  });
  return { accuracy: forgetIdx.length ? sum / forgetIdx.length : NaN, fromAudit, total: forgetIdx.length };
}
