import { DeviceData } from '../model/deviceData';
import { Mlp } from '../model/mlp';
import { JobContext } from '../progress';

/** What every unlearning algorithm gets: the data, the forget and retain indices, and a seed. */
export interface UnlearnTask {
  data: DeviceData;
  forgetIdx: Int32Array;
  retainIdx: Int32Array;
  seed: number;
  batchSize: number;
  /** The original model (SCRUB's teacher); never modified. */
  original: Mlp;
  /** Called after each epoch, e.g. to record how far each forget sample has been forgotten. */
  onEpoch?: (epoch: number, model: Mlp) => void;
}

export type HyperParameters = Record<string, number>;

export interface UnlearningAlgorithm {
  name: AlgorithmName;
  /** One line for reports: what it does. */
  summary: string;
  /** Defaults for a dataset of this many retained samples; every value can be overridden. */
  defaults(task: Pick<UnlearnTask, 'forgetIdx' | 'retainIdx'>): HyperParameters;
  /** Unlearn the forget set from `model` in place. */
  run(model: Mlp, task: UnlearnTask, params: HyperParameters, ctx?: JobContext): Promise<void>;
}

export const ALGORITHM_NAMES = ['finetune', 'neggrad', 'neggrad+', 'random-label', 'salun', 'l1-sparse', 'scrub'] as const;
export type AlgorithmName = (typeof ALGORITHM_NAMES)[number];
