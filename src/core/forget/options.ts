import { AuditMode } from '../audit/options';
import { BackendPreference } from '../model/backend';
import { AlgorithmName, HyperParameters } from '../unlearn/types';
import { DEFAULT_RUM_RECIPE, RumRecipe } from './rum';

export interface ForgetAuditOptions {
  forgetFile: string;
  /** The dataset's audit.json to reuse instead of running a fast audit here (reusedAudit.ts checks it matches). */
  auditFile?: string;
  label?: string;
  id?: string;
  seed: number;
  algorithms: AlgorithmName[];
  /** Per-algorithm hyper-parameter overrides. */
  params: Partial<Record<AlgorithmName, HyperParameters>>;
  rum: boolean;
  rumRecipe: RumRecipe;
  retrainSeeds: number;
  /** Candidate carriers per forget sample in each of input and model space (same label only). */
  carriersPerSpace: number;
  allowMissing: boolean;
  testFraction: number;
  /** The per-sample audit's memorization estimate, which RUM's tiers also use. */
  mode: AuditMode;
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
  carriersPerSpace: 5,
  allowMissing: false,
  testFraction: 0.1,
  mode: 'fast',
  backend: 'auto',
};
