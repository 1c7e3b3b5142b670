import { BackendPreference } from '../model/backend';
import { AlgorithmName, HyperParameters } from '../unlearn/types';
import { DEFAULT_RUM_RECIPE, RumRecipe } from './rum';

export interface ForgetAuditOptions {
  forgetFile: string;
  label?: string;
  id?: string;
  seed: number;
  algorithms: AlgorithmName[];
  /** Per-algorithm hyper-parameter overrides. */
  params: Partial<Record<AlgorithmName, HyperParameters>>;
  rum: boolean;
  rumRecipe: RumRecipe;
  retrainSeeds: number;
  allowMissing: boolean;
  testFraction: number;
  backend: BackendPreference;
  /** Override the training epochs sized from the data (original and retrained models). */
  epochs?: number;
  workers?: number;
  /** redis:// or rediss:// URL: the retrained reference models become jobs on that BullMQ queue. */
  queue?: string;
}

export const DEFAULT_FORGET_OPTIONS: Omit<ForgetAuditOptions, 'forgetFile'> = {
  seed: 0,
  algorithms: ['finetune', 'neggrad', 'neggrad+', 'random-label', 'salun', 'l1-sparse', 'scrub'],
  params: {},
  rum: false,
  rumRecipe: DEFAULT_RUM_RECIPE,
  retrainSeeds: 3,
  allowMissing: false,
  testFraction: 0.1,
  backend: 'auto',
};
