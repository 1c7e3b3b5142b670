import { DeviceData } from '../model/deviceData';
import { Mlp } from '../model/mlp';
import { JobContext } from '../progress';
import { ALGORITHMS } from '../unlearn/algorithms';
import { AlgorithmName, HeldOutEvidence, HyperParameters } from '../unlearn/types';
import { ForgetSplit, ModelEvaluation, evaluateModel } from './evaluation';
import { ForgettingTracker } from './forgettingTracker';

export interface UnlearningRun {
  name: string;
  evaluation: ModelEvaluation;
  seconds: number;
  /** Per forget sample (in forgetIdx order): optimiser steps until p(y|x) fell to the retrained level; null if never. */
  stepsUntilForgotten: Array<number | null>;
  /** The same in epochs (the epoch it happened in, from 1; 0: already at the level); null if never. */
  epochsUntilForgotten: Array<number | null>;
  params: HyperParameters;
}

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
  settings: { seed: number; batchSize: number; heldOutEvidence?: HeldOutEvidence },
  ctx?: JobContext,
): Promise<UnlearningRun> {
  const model = original.clone();
  const tracker = new ForgettingTracker(data, split.forgetIdx, pRetrain);
  // The tracker's own time is subtracted from the algorithm's, so every observation falls inside this interval.
  const started = performance.now();
  tracker.observe(model, { steps: 0, epoch: 0 });
  const usedParams: HyperParameters = {};
  try {
    for (const [k, step] of steps.entries()) {
      const algorithm = ALGORITHMS[step.algorithm];
      const params = { ...algorithm.defaults({ ...step, batchSize: settings.batchSize }), ...step.params };
      Object.entries(params).forEach(([key, v]) => (usedParams[steps.length > 1 ? `${k + 1}.${step.algorithm}.${key}` : key] = v));
      const outcome = await algorithm.run(
        model,
        {
          data,
          forgetIdx: step.forgetIdx,
          retainIdx: step.retainIdx,
          validationIdx: split.validationIdx,
          seed: settings.seed + k,
          batchSize: settings.batchSize,
          heldOutEvidence: settings.heldOutEvidence,
          original,
          onCheck: (m, at) => tracker.observe(m, at),
        },
        params,
        ctx,
      );
      tracker.nextStage(outcome);
    }
    // Tracking is measurement, not unlearning: its time is not charged to the algorithm.
    const seconds = (performance.now() - started) / 1000 - tracker.seconds;
    return { name, evaluation: evaluateModel(model, data, split), seconds, stepsUntilForgotten: tracker.steps, epochsUntilForgotten: tracker.epochs, params: usedParams };
  } finally {
    model.dispose();
  }
}
