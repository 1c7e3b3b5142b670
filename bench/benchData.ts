// The data, split and training plan an audit would use, rebuilt here so the PyTorch reference and
// the ForgetLens runs in the bench see exactly the same rows, architecture and schedule.
import * as path from 'node:path';
import { heldOutSplit, TrainTestSplit } from '../src/core/audit/splits';
import { DEFAULT_AUDIT_OPTIONS } from '../src/core/audit/options';
import { Dataset } from '../src/core/data/dataset';
import { loadDataset } from '../src/core/data/load';
import { MlpArchitecture, sizeArchitecture } from '../src/core/model/mlp';
import { defaultTrainOptions } from '../src/core/model/train';

export const ROOT = path.join(__dirname, '..');
export const DIGITS = path.join(ROOT, 'examples', 'digits.csv');
export const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

/** Fast-audit scores the bench compares with the reference estimator (names of audit.json factors). */
export const EXPORTED_FACTORS = ['memorization', 'memorizationCrossFit', 'confidence'] as const;

export interface BenchData {
  label: string;
  source: string;
  limit?: number;
  dataset: Dataset;
  split: TrainTestSplit;
  arch: MlpArchitecture;
  train: ReturnType<typeof defaultTrainOptions>;
}

export async function benchData(label: string, source: string, limit?: number): Promise<BenchData> {
  const { dataset } = await loadDataset(source, { limit });
  const seed = DEFAULT_AUDIT_OPTIONS.seed;
  const split = heldOutSplit(dataset.y, DEFAULT_AUDIT_OPTIONS.testFraction, seed);
  return {
    label,
    source,
    limit,
    dataset,
    split,
    arch: sizeArchitecture(dataset.numFeatures, dataset.classes.length),
    train: defaultTrainOptions(split.trainIdx.length, seed),
  };
}

export function describePlan(d: BenchData): string {
  const { arch, train } = d;
  return `${[arch.inputDim, ...arch.hidden, arch.numClasses].join('-')}, batch ${train.batchSize}, ${train.epochs} epochs, Adam lr ${train.learningRate}`;
}
