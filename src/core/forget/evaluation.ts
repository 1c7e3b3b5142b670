import { SubsetModelOutcome } from '../factors/memorization';
import { miaNonMemberShare } from '../metrics/mia';
import { SplitAccuracy } from '../metrics/tow';
import { DeviceData } from '../model/deviceData';
import { Classifier } from '../model/mlp';
import { predictAll, predictedLabels, trueLabelProbability } from '../model/predict';

/** The sets of a forget-set experiment, as sample indices (see forgetSplit.ts). */
export interface ForgetSplit {
  forgetIdx: Int32Array;
  retainIdx: Int32Array;
  /** Held out from every model; read only by unlearning's choices (stopping, rewind, targets). */
  validationIdx: Int32Array;
  /** Held out from every model; read only to report test accuracy, ToW and MIA. */
  testIdx: Int32Array;
}

/** What one model (original, retrained, unlearned) says about every sample, and its summary metrics. */
export interface ModelEvaluation {
  pTrue: Float32Array;
  correct: Uint8Array;
  accuracy: SplitAccuracy;
  /** Share of the forget set a confidence-threshold membership attack calls non-member. */
  mia: number;
}

export function evaluateModel(model: Classifier, data: DeviceData, split: ForgetSplit): ModelEvaluation {
  const pred = predictAll(model, data);
  const labels = predictedLabels(pred);
  return summarise(trueLabelProbability(pred, data.y), Uint8Array.from(labels, (l, i) => (l === data.y[i] ? 1 : 0)), split);
}

/** Average several retrained models (different seeds) into one reference. */
export function evaluateAverage(outcomes: SubsetModelOutcome[], split: ForgetSplit): ModelEvaluation {
  const n = outcomes[0].pTrue.length;
  const pTrue = new Float32Array(n);
  const correctShare = new Float32Array(n);
  for (const o of outcomes) {
    for (let i = 0; i < n; i++) {
      pTrue[i] += o.pTrue[i] / outcomes.length;
      correctShare[i] += o.correct[i] / outcomes.length;
    }
  }
  const perModel = outcomes.map((o) => summarise(o.pTrue, o.correct, split));
  const mean = (pick: (e: ModelEvaluation) => number) => perModel.reduce((s, e) => s + pick(e), 0) / perModel.length;
  return {
    pTrue,
    correct: Uint8Array.from(correctShare, (c) => (c >= 0.5 ? 1 : 0)),
    accuracy: { forget: mean((e) => e.accuracy.forget), retain: mean((e) => e.accuracy.retain), test: mean((e) => e.accuracy.test) },
    mia: mean((e) => e.mia),
  };
}

function summarise(pTrue: Float32Array, correct: Uint8Array, split: ForgetSplit): ModelEvaluation {
  const pick = (idx: Int32Array) => Float32Array.from(idx, (i) => pTrue[i]);
  return {
    pTrue,
    correct,
    accuracy: { forget: share(correct, split.forgetIdx), retain: share(correct, split.retainIdx), test: share(correct, split.testIdx) },
    mia: miaNonMemberShare(pick(split.retainIdx), pick(split.testIdx), pick(split.forgetIdx)),
  };
}

function share(correct: Uint8Array, idx: Int32Array): number {
  if (idx.length === 0) return NaN;
  let hits = 0;
  for (const i of idx) hits += correct[i];
  return hits / idx.length;
}
