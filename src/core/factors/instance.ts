import { Predictions } from '../model/predict';

/** Instance-level factors of the final model on each sample. */
export interface InstanceFactors {
  /** Cross-entropy of the given label. */
  loss: Float32Array;
  /** True-class logit minus the best other logit (negative: misclassified). */
  margin: Float32Array;
  /** Last-layer gradient norm of the final model, ‖p−y‖·√(‖h‖²+1). */
  gradNorm: Float32Array;
  predicted: Int32Array;
}

export function instanceFactors(pred: Predictions, y: Int32Array): InstanceFactors {
  const n = pred.numSamples;
  const c = pred.numClasses;
  const h = pred.embeddingDim;
  const out: InstanceFactors = {
    loss: new Float32Array(n),
    margin: new Float32Array(n),
    gradNorm: new Float32Array(n),
    predicted: new Int32Array(n),
  };
  for (let i = 0; i < n; i++) {
    const row = i * c;
    const label = y[i];
    let bestOther = -Infinity;
    let best = 0;
    let residualSq = 0;
    for (let k = 0; k < c; k++) {
      const logit = pred.logits[row + k];
      if (k !== label && logit > bestOther) bestOther = logit;
      if (pred.probs[row + k] > pred.probs[row + best]) best = k;
      const target = k === label ? 1 : 0;
      residualSq += (pred.probs[row + k] - target) ** 2;
    }
    out.loss[i] = -Math.log(Math.max(pred.probs[row + label], 1e-12));
    out.margin[i] = pred.logits[row + label] - bestOther;
    out.predicted[i] = best;
    let hiddenSq = 0;
    if (pred.embeddings) for (let j = 0; j < h; j++) hiddenSq += pred.embeddings[i * h + j] ** 2;
    out.gradNorm[i] = Math.sqrt(residualSq * (hiddenSq + 1));
  }
  return out;
}
