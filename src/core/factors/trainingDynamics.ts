import { TrainingRecord } from '../model/train';

/**
 * One-run factors from the statistics recorded while the original model trained: the cheap
 * memorization proxies (mean confidence, max-probability, negative entropy, fraction correct)
 * and learning dynamics ("data maps": when it was learned, how often it was forgotten, how much
 * its confidence varied). NaN for samples that were not trained on.
 */
export interface TrainingDynamics {
  confidence: Float32Array;
  maxConfidence: Float32Array;
  negEntropy: Float32Array;
  fractionCorrect: Float32Array;
  variability: Float32Array;
  /** 1-based epoch from which the sample stayed correctly classified; epochs + 1 if never. */
  firstLearnedEpoch: Float32Array;
  forgettingEvents: Float32Array;
  /** Sum over epochs of the last-layer squared gradient norm (per-instance privacy-loss proxy). */
  cumulativeGradNormSq: Float32Array;
  /** Sum over epochs of the in-batch cross-entropy −log p(y|x) (cumulative sample loss). */
  cumulativeLoss: Float32Array;
}

/** Keeps −log p finite when a float32 probability underflows to 0. */
const MIN_PROBABILITY = 1e-12;

export function summariseTrainingRecord(record: TrainingRecord): TrainingDynamics {
  const n = record.numSamples;
  const out: TrainingDynamics = {
    confidence: new Float32Array(n).fill(NaN),
    maxConfidence: new Float32Array(n).fill(NaN),
    negEntropy: new Float32Array(n).fill(NaN),
    fractionCorrect: new Float32Array(n).fill(NaN),
    variability: new Float32Array(n).fill(NaN),
    firstLearnedEpoch: new Float32Array(n).fill(NaN),
    forgettingEvents: new Float32Array(n).fill(NaN),
    cumulativeGradNormSq: new Float32Array(n).fill(NaN),
    cumulativeLoss: new Float32Array(n).fill(NaN),
  };
  for (let i = 0; i < n; i++) summariseSample(record, i, out);
  return out;
}

function summariseSample(record: TrainingRecord, i: number, out: TrainingDynamics): void {
  const n = record.numSamples;
  let seen = 0;
  let sumP = 0;
  let sumP2 = 0;
  let sumMax = 0;
  let sumNegEntropy = 0;
  let correctCount = 0;
  let gradSq = 0;
  let loss = 0;
  let forgetting = 0;
  let previousCorrect = false;
  let learnedFrom = record.epochs + 1;
  for (let epoch = 0; epoch < record.epochs; epoch++) {
    const at = epoch * n + i;
    const p = record.pTrue[at];
    if (Number.isNaN(p)) continue;
    seen++;
    sumP += p;
    sumP2 += p * p;
    loss -= Math.log(Math.max(p, MIN_PROBABILITY));
    sumMax += record.maxProb[at];
    sumNegEntropy += record.negEntropy[at];
    gradSq += record.lastLayerGradSq[at];
    const correct = record.correct[at] === 1;
    if (correct) correctCount++;
    if (previousCorrect && !correct) forgetting++;
    if (correct && !previousCorrect) learnedFrom = epoch + 1;
    if (!correct) learnedFrom = record.epochs + 1;
    previousCorrect = correct;
  }
  if (seen === 0) return;
  const meanP = sumP / seen;
  out.confidence[i] = meanP;
  out.maxConfidence[i] = sumMax / seen;
  out.negEntropy[i] = sumNegEntropy / seen;
  out.fractionCorrect[i] = correctCount / seen;
  out.variability[i] = Math.sqrt(Math.max(0, sumP2 / seen - meanP * meanP));
  out.firstLearnedEpoch[i] = learnedFrom;
  out.forgettingEvents[i] = forgetting;
  out.cumulativeGradNormSq[i] = gradSq;
  out.cumulativeLoss[i] = loss;
}
