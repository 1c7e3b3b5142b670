import { AlgorithmName, ALGORITHM_NAMES } from '../src/core/unlearn/types';
import { DatasetKey } from './data/sources';

/** Everything that decides what the validation run measures. Fixed seeds: one config, one result. */
export interface ValidationConfig {
  name: 'full' | 'smoke';
  seed: number;
  /** Models of the thorough subsample memorization estimator (claim 1, and the sets of claims 2 and 4). */
  k: number;
  /** Training epochs for every model; undefined keeps the audit's own sizing from the data. */
  epochs?: number;
  algorithms: AlgorithmName[];
  retrainSeeds: number;
  /** Rows read from Fashion-MNIST's training file. */
  fashionRows: number;
  /** Which datasets each claim is measured on. */
  datasets: {
    memorization: DatasetKey[];
    entanglement: DatasetKey[];
    mixed: DatasetKey[];
    copies: DatasetKey[];
  };
  /** Forget-set size per dataset (claims 2, 3, 4, 6, 7). */
  forgetSetSize: Record<DatasetKey, number>;
  /** Claim 5: mislabelled samples per group (with copies left in R / without), and copies of each. */
  copiesGroup: number;
  copiesPerSample: number;
}

export const FULL_CONFIG: ValidationConfig = {
  name: 'full',
  seed: 0,
  k: 16,
  algorithms: [...ALGORITHM_NAMES],
  retrainSeeds: 3,
  fashionRows: 1000,
  datasets: {
    memorization: ['digits', 'breast-cancer', 'fashion'],
    entanglement: ['digits', 'breast-cancer'],
    mixed: ['digits', 'breast-cancer', 'fashion'],
    copies: ['digits', 'breast-cancer', 'fashion'],
  },
  forgetSetSize: { digits: 60, 'breast-cancer': 30, fashion: 60 },
  copiesGroup: 20,
  copiesPerSample: 3,
};

/** The CI smoke run: every claim once, on breast cancer only, with few and short trainings. */
export const SMOKE_CONFIG: ValidationConfig = {
  name: 'smoke',
  seed: 0,
  k: 4,
  epochs: 8,
  algorithms: ['finetune', 'neggrad+', 'salun'],
  retrainSeeds: 1,
  fashionRows: 300,
  datasets: {
    memorization: ['breast-cancer'],
    entanglement: ['breast-cancer'],
    mixed: ['breast-cancer'],
    copies: ['breast-cancer'],
  },
  forgetSetSize: { digits: 30, 'breast-cancer': 15, fashion: 30 },
  copiesGroup: 6,
  copiesPerSample: 2,
};
