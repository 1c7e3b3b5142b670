import { parseQueueUrl } from '../src/core/queue/connection';
import { AlgorithmName } from '../src/core/unlearn/types';
import { DATASET_NAMES, DatasetName } from './datasets';

/** Everything the size of a calibration run depends on, from the environment (see docs/CALIBRATION.md). */
export interface CalibrationConfig {
  datasets: DatasetName[];
  maxRows: number;
  requestsPerKind: number;
  requestSize: number;
  /** Seeds for the original and retrained models; seeds after the first run only on the first `seedRounds` requests of each kind. */
  seeds: number[];
  seedRounds: number;
  /** Seed of the planted copies and mislabels and of the request draws (CAL_DRAW_SEED; 0 in the first two full runs). */
  drawSeed: number;
  algorithms: AlgorithmName[];
  retrainSeeds: number;
  /** Training threads per simulation; results do not depend on it (model k's seed is fixed). */
  workers: number;
  epochs?: number;
  plantShare: number;
  bootstrap: number;
  /** Stop starting new simulations after this many minutes and fit on what is cached. */
  maxMinutes: number;
  outDir: string;
  /** A redis:// URL (CAL_QUEUE or `--queue`): each uncached simulation becomes a job for `forgetlens worker`s. */
  queue?: string;
  /** Write the coefficients file and docs/CALIBRATION.md (off: report only). */
  write: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): CalibrationConfig {
  const list = (name: string, fallback: string) => (env[name] ?? fallback).split(',').map((s) => s.trim()).filter(Boolean);
  const int = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name}=${raw}: expected a non-negative number`);
    return v;
  };
  const datasets = list('CAL_DATASETS', DATASET_NAMES.join(','));
  for (const d of datasets) if (!(DATASET_NAMES as readonly string[]).includes(d)) throw new Error(`CAL_DATASETS: unknown dataset "${d}" (known: ${DATASET_NAMES.join(', ')})`);
  const queue = env.CAL_QUEUE || undefined;
  if (queue) checkQueueUrl(queue);
  return {
    datasets: datasets as DatasetName[],
    maxRows: int('CAL_ROWS', 500),
    requestsPerKind: int('CAL_PER_KIND', 4),
    requestSize: int('CAL_SIZE', 10),
    seeds: list('CAL_SEEDS', '0,1').map(Number),
    seedRounds: int('CAL_SEED_ROUNDS', 4),
    drawSeed: int('CAL_DRAW_SEED', 0),
    algorithms: list('CAL_ALGORITHMS', 'finetune,neggrad+,scrub,l1-sparse') as AlgorithmName[],
    retrainSeeds: int('CAL_RETRAIN_SEEDS', 2),
    // In-process: starting worker threads cost ~6 s of a 15 s simulation on small data (docs/CALIBRATION.md, profile).
    workers: int('CAL_WORKERS', 1),
    // 25 epochs instead of the data-sized 60 on these sizes: a simulated deletion trains five models (original, two retrains with and without the carriers).
    epochs: env.CAL_EPOCHS === '0' ? undefined : int('CAL_EPOCHS', 25),
    plantShare: int('CAL_PLANT_SHARE', 0.04),
    bootstrap: int('CAL_BOOTSTRAP', 500),
    maxMinutes: int('CAL_MAX_MINUTES', 600),
    outDir: env.CAL_OUT ?? '.calibrate-cache',
    write: env.CAL_WRITE !== '0',
    ...(queue ? { queue } : {}),
  };
}

/** The URL is refused before anything runs, with the setting's own name in the message. */
function checkQueueUrl(url: string): void {
  try {
    parseQueueUrl(url);
  } catch (error) {
    throw new Error(error instanceof Error ? error.message.replace(/^--queue /, 'CAL_QUEUE=') : String(error), { cause: error });
  }
}
