import { DeviceData } from '../model/deviceData';
import { Mlp } from '../model/mlp';
import { predictAll, trueLabelProbability } from '../model/predict';
import { JobContext } from '../progress';
import { ALGORITHMS } from '../unlearn/algorithms';
import { AlgorithmName, HyperParameters } from '../unlearn/types';
import { ForgetSplit, ModelEvaluation, evaluateModel } from './evaluation';

export interface UnlearningRun {
  name: string;
  evaluation: ModelEvaluation;
  seconds: number;
  /** Per forget sample (in forgetIdx order): epochs until p(y|x) fell to the retrained level; null if never. */
  epochsUntilForgotten: Array<number | null>;
  params: HyperParameters;
}

/** How close to the retrained model's p(y|x) counts as forgotten. */
export const FORGOTTEN_TOLERANCE = 0.1;

export interface UnlearningStep {
  algorithm: AlgorithmName;
  forgetIdx: Int32Array;
  retainIdx: Int32Array;
  params?: HyperParameters;
}

/**
 * Apply unlearning steps in order to a copy of the original model (one step: a plain algorithm;
 * several: RUM), timing them and tracking, per forget sample, when it reached the retrained level.
 */
export async function runUnlearning(
  name: string,
  original: Mlp,
  steps: UnlearningStep[],
  data: DeviceData,
  split: ForgetSplit,
  pRetrain: Float32Array,
  settings: { seed: number; batchSize: number },
  ctx?: JobContext,
): Promise<UnlearningRun> {
  const model = original.clone();
  const forgotten: Array<number | null> = Array.from(split.forgetIdx, () => null);
  let epochsSoFar = 0;
  let trackingSeconds = 0;
  const track = (m: Mlp) => {
    const trackStarted = performance.now();
    const p = trueLabelProbability(predictAll(m, data), data.y);
    split.forgetIdx.forEach((i, k) => {
      if (forgotten[k] === null && p[i] <= pRetrain[i] + FORGOTTEN_TOLERANCE) forgotten[k] = epochsSoFar;
    });
    epochsSoFar++;
    trackingSeconds += (performance.now() - trackStarted) / 1000;
  };
  track(model);
  const started = performance.now();
  const usedParams: HyperParameters = {};
  try {
    for (const [k, step] of steps.entries()) {
      const algorithm = ALGORITHMS[step.algorithm];
      const params = { ...algorithm.defaults(step), ...step.params };
      Object.entries(params).forEach(([key, v]) => (usedParams[steps.length > 1 ? `${k + 1}.${step.algorithm}.${key}` : key] = v));
      await algorithm.run(
        model,
        { data, forgetIdx: step.forgetIdx, retainIdx: step.retainIdx, seed: settings.seed + k, batchSize: settings.batchSize, original, onEpoch: (_e, m) => track(m) },
        params,
        ctx,
      );
    }
    // Tracking is measurement, not unlearning: its time is not charged to the algorithm.
    const seconds = (performance.now() - started) / 1000 - trackingSeconds;
    return { name, evaluation: evaluateModel(model, data, split), seconds, epochsUntilForgotten: forgotten, params: usedParams };
  } finally {
    model.dispose();
  }
}
