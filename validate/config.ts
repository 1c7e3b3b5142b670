import { AlgorithmName, ALGORITHM_NAMES } from '../src/core/unlearn/types';
import { DATASET_KEYS, DatasetKey } from './data/sources';

type ClaimDatasets = {
  memorization: DatasetKey[];
  entanglement: DatasetKey[];
  mixed: DatasetKey[];
  copies: DatasetKey[];
  /** The FL claim: datasets held out from every score's fitting (a score fitted on one is not judged there). */
  difficulty: DatasetKey[];
};

/** Everything that decides what the validation run measures. Fixed seeds: one config, one result. */
export interface ValidationConfig {
  name: string;
  /** Every claim is measured once per seed (data choices, forget sets, models); intervals are over these. */
  seeds: number[];
  /** The seed of the run in progress (set per repeat by the harness). */
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
  datasets: ClaimDatasets;
  /** Forget-set size per dataset (claims 2, 3, 4, 6, FL). */
  forgetSetSize: Record<DatasetKey, number>;
  /** Claim 5: mislabelled samples per group (with copies left in R / without), and copies of each. */
  copiesGroup: number;
  copiesPerSample: number;
}

const SIZES: Record<DatasetKey, number> = { digits: 60, 'breast-cancer': 30, wine: 18, iris: 15, fashion: 60 };

export const FULL_CONFIG: ValidationConfig = {
  name: 'full',
  seeds: [0, 1, 2, 3, 4],
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
    difficulty: ['digits', 'breast-cancer', 'wine', 'iris', 'fashion'],
  },
  forgetSetSize: SIZES,
  copiesGroup: 20,
  copiesPerSample: 3,
};

/** The CI smoke run: every claim on breast cancer only, two seeds (the fewest an interval needs), few and short trainings. */
export const SMOKE_CONFIG: ValidationConfig = {
  name: 'smoke',
  seeds: [0, 1],
  seed: 0,
  k: 4,
  epochs: 8,
  // NegGrad moves a 15-sample binary forget set on every seed; SalUn's uniform relabelling (its own
  // label half the time on two classes) and NegGrad+ need not, and claims 6 and FL count only movers.
  algorithms: ['finetune', 'neggrad', 'neggrad+', 'salun'],
  retrainSeeds: 1,
  fashionRows: 300,
  datasets: {
    memorization: ['breast-cancer'],
    entanglement: ['breast-cancer'],
    mixed: ['breast-cancer'],
    copies: ['breast-cancer'],
    difficulty: ['breast-cancer'],
  },
  forgetSetSize: { ...SIZES, digits: 30, 'breast-cancer': 15, fashion: 30 },
  copiesGroup: 6,
  copiesPerSample: 2,
};

/**
 * The run's size from the command line: `--seeds N` (seeds 0..N−1) and `--datasets a,b` (each claim
 * keeps only these of its datasets). A smaller run says so in its name, which the doc's run header shows.
 */
export function sizedConfig(base: ValidationConfig, options: { seeds?: number; datasets?: string[] }): ValidationConfig {
  let config = base;
  if (options.seeds !== undefined) {
    if (!Number.isInteger(options.seeds) || options.seeds < 2) throw new Error(`--seeds: expected an integer ≥ 2 (an interval needs two seeds), got ${options.seeds}`);
    config = { ...config, seeds: Array.from({ length: options.seeds }, (_, i) => i) };
  }
  if (options.datasets) {
    const unknown = options.datasets.filter((d) => !(DATASET_KEYS as readonly string[]).includes(d));
    if (unknown.length) throw new Error(`--datasets: unknown dataset(s) ${unknown.join(', ')}; known: ${DATASET_KEYS.join(', ')}`);
    const keep = (list: DatasetKey[]) => list.filter((d) => options.datasets!.includes(d));
    const d = config.datasets;
    config = {
      ...config,
      datasets: { memorization: keep(d.memorization), entanglement: keep(d.entanglement), mixed: keep(d.mixed), copies: keep(d.copies), difficulty: keep(d.difficulty) },
    };
  }
  const resized = config !== base;
  return resized ? { ...config, name: `${base.name} (sized: ${config.seeds.length} seeds; datasets ${options.datasets?.join(', ') ?? 'all'})` } : config;
}
