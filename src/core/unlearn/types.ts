import { DeviceData } from '../model/deviceData';
import { Mlp } from '../model/mlp';
import { JobContext } from '../progress';
import { UnlearnOutcome } from './steps';

/** What every unlearning algorithm gets: the data, the forget and retain indices, and a seed. */
export interface UnlearnTask {
  data: DeviceData;
  forgetIdx: Int32Array;
  retainIdx: Int32Array;
  /**
   * The validation split V: held out from the original model's training, and the only held-out
   * data a method may look at (the stopping rule of the methods that push F away). The test split
   * is never given to a method: it only reports.
   */
  validationIdx: Int32Array;
  seed: number;
  batchSize: number;
  /**
   * What the per-sample audit says about how a model that never saw each sample would do on it:
   * the held-out rule's forget target (see forgetTarget.ts). Absent: the validation accuracy is the target.
   */
  heldOutEvidence?: HeldOutEvidence;
  /** The original model (SCRUB's teacher); never modified. */
  original: Mlp;
  /**
   * Sees the model about ten times an epoch (optimiser steps applied so far, and the epoch they
   * fall in, from 1), e.g. to record when each forget sample was forgotten.
   */
  onCheck?: (model: Mlp, at: { steps: number; epoch: number }) => void;
}

/** Per dataset index; NaN where the audit has nothing to say. */
export interface HeldOutEvidence {
  /** The audit's memorization estimate, P[correct | in training] − P[correct | held out]. */
  memorization: Float32Array;
  /** 1 / 0: the audit held the sample out and its model got it right / wrong. */
  heldOutCorrect: Float32Array;
}

export type HyperParameters = Record<string, number>;

export interface UnlearningAlgorithm {
  name: AlgorithmName;
  /** One line for reports: what it does. */
  summary: string;
  /** Defaults for these forget and retain sets and batch size (budgets in optimiser steps); every value can be overridden. */
  defaults(task: Pick<UnlearnTask, 'forgetIdx' | 'retainIdx' | 'batchSize'>): HyperParameters;
  /** Unlearn the forget set from `model` in place. */
  run(model: Mlp, task: UnlearnTask, params: HyperParameters, ctx?: JobContext): Promise<UnlearnOutcome>;
}

export const ALGORITHM_NAMES = ['finetune', 'neggrad', 'neggrad+', 'random-label', 'salun', 'l1-sparse', 'scrub'] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];
