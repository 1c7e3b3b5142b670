import { fitIsotonic } from '../util/stats';

/** What one model trained on a subset says about every sample. */
export interface SubsetModelOutcome {
  /** 1 where the sample was in this model's training subset. */
  member: Uint8Array;
  /** p(y_i|x_i) under this model, for every sample. */
  pTrue: Float32Array;
  /** 1 where this model predicts the sample's label. */
  correct: Uint8Array;
  /** Wall time to train it. */
  seconds: number;
}

export interface MemorizationEstimate {
  /** Feldman & Zhang: P[correct | in training] − P[correct | held out]. NaN without both groups. */
  memorization: Float32Array;
  /** The same with p(y|x) in place of 0/1 correctness (less noisy with few models). */
  memorizationSoft: Float32Array;
  /** Mean p(y|x) over the models that did not see the sample (its held-out prediction); NaN if none. */
  heldOutP: Float32Array;
  /** Models that saw / did not see each sample. */
  modelsIn: Int32Array;
  modelsOut: Int32Array;
}

/** The subsample memorization estimator over K models trained on random subsets. */
export function subsampleMemorization(outcomes: SubsetModelOutcome[], n: number): MemorizationEstimate {
  const est: MemorizationEstimate = {
    memorization: new Float32Array(n).fill(NaN),
    memorizationSoft: new Float32Array(n).fill(NaN),
    heldOutP: new Float32Array(n).fill(NaN),
    modelsIn: new Int32Array(n),
    modelsOut: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    let correctIn = 0;
    let correctOut = 0;
    let pIn = 0;
    let pOut = 0;
    for (const outcome of outcomes) {
      if (outcome.member[i]) {
        est.modelsIn[i]++;
        correctIn += outcome.correct[i];
        pIn += outcome.pTrue[i];
      } else {
        est.modelsOut[i]++;
        correctOut += outcome.correct[i];
        pOut += outcome.pTrue[i];
      }
    }
    if (est.modelsOut[i] > 0) est.heldOutP[i] = pOut / est.modelsOut[i];
    if (est.modelsIn[i] > 0 && est.modelsOut[i] > 0) {
      est.memorization[i] = correctIn / est.modelsIn[i] - correctOut / est.modelsOut[i];
      est.memorizationSoft[i] = pIn / est.modelsIn[i] - pOut / est.modelsOut[i];
    }
  }
  return est;
}

/**
 * Fast mode's memorization estimate: the noisy two-model (cross-fit) soft estimate smoothed by an
 * isotonic fit on an index of how likely the sample is to be memorized, so each sample gets the
 * memorization that samples with its index showed on average (a higher index can only mean equal
 * or higher memorization). The index is the product of the held-out error 1 − p(y|x) from the
 * model that did not see the sample and the lack of confidence 1 − confidence while the original
 * model learned it: memorized samples are wrong when left out and learned only late and unsurely.
 * It was chosen on digits and breast cancer, over one-run training-dynamics proxies and other
 * cross-fit indices, by rank agreement with a 64-model reference, and reported on held-out data
 * sets; K = 4 or 8 subset models cost more and were only compared (BENCH_ONLY=memorization npm run
 * bench, docs/BENCHMARKS.md).
 */
export function calibrateMemorization(heldOutP: Float32Array, confidence: Float32Array, crossFitSoft: Float32Array): Float32Array {
  return calibrateOnIndex(
    Float32Array.from(heldOutP, (p, i) => (1 - p) * (1 - confidence[i])),
    crossFitSoft,
  );
}

/**
 * Each sample gets the mean of `target` over samples with its `index` (isotonic fit: a higher
 * index can only mean an equal or higher value), clipped to [0, 1]; NaN where the index is.
 */
export function calibrateOnIndex(index: Float32Array, target: Float32Array): Float32Array {
  const fit = fitIsotonic(index, target);
  return Float32Array.from(index, (v) => (Number.isFinite(v) ? Math.max(0, Math.min(1, fit(v))) : NaN));
}

/**
 * A few-model subsample estimate shrunk toward a prior (for example the estimate calibrated on a
 * one-run proxy): the sample's own estimate (soft, or hard: 0/1 correctness) weighs as much as its number of in/out model pairs,
 * nIn·nOut/(nIn + nOut), the prior as much as `strength` pairs. Where the sample was never held
 * out (or never trained on) only the prior is left.
 */
export function shrinkTowardPrior(
  estimate: MemorizationEstimate,
  prior: Float32Array,
  strength: number,
  which: 'soft' | 'hard' = 'soft',
): Float32Array {
  if (!(strength >= 0)) throw new RangeError(`shrinkage strength must be ≥ 0, got ${strength}`);
  const ownEstimate = which === 'hard' ? estimate.memorization : estimate.memorizationSoft;
  return Float32Array.from(prior, (p, i) => {
    const nIn = estimate.modelsIn[i];
    const nOut = estimate.modelsOut[i];
    const own = ownEstimate[i];
    if (!Number.isFinite(own) || nIn === 0 || nOut === 0) return p;
    if (!Number.isFinite(p)) return own;
    const weight = (nIn * nOut) / (nIn + nOut);
    return (weight * own + strength * p) / (weight + strength);
  });
}
