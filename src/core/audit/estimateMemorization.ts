import { MemorizationEstimate, calibrateMemorization, subsampleMemorization } from '../factors/memorization';
import { summariseTrainingRecord } from '../factors/trainingDynamics';
import { DeviceData } from '../model/deviceData';
import { sizeArchitecture } from '../model/mlp';
import { complementaryHalves, randomSubsets } from '../model/subsetModels';
import { trainSubsetModelsInParallel } from '../model/parallelSubsetModels';
import { JobContext, report } from '../progress';
import { spearman } from '../util/stats';
import { AuditOptions } from './options';
import type { ObtainedModel } from './auditDataset';
import { TrainTestSplit } from './splits';

export interface MemorizationResult {
  method: string;
  /** The estimate the composite uses: calibrated (fast) or subsample (thorough); NaN where unknown. */
  memorization: Float32Array;
  /** Thorough mode: the soft (probability) subsample estimate. */
  memorizationSoft?: Float32Array;
  /** Fast mode: the raw two-model cross-fit soft estimate. */
  crossFit?: Float32Array;
  /** Spearman between the one-run confidence proxy and the memorization estimate used for calibration. */
  proxySpearman: number | null;
}

const SUBSET_FRACTION = 0.7;

/**
 * Fast: two models on complementary halves give every sample one "seen" and one "unseen"
 * prediction; that noisy estimate is calibrated against the one-run confidence proxy.
 * Thorough: K models on random 70% subsets, Feldman & Zhang's estimator.
 */
export async function estimateMemorization(
  data: DeviceData,
  split: TrainTestSplit,
  trained: ObtainedModel,
  options: AuditOptions,
  ctx?: JobContext,
): Promise<MemorizationResult> {
  const arch = sizeArchitecture(data.X.shape[1], data.numClasses);
  const trainOptions = trained.trainOptions!;
  const dynamics = summariseTrainingRecord(trained.record!);
  const thorough = options.mode === 'thorough';
  const subsets = thorough
    ? randomSubsets(data.y, split.trainIdx, options.k, SUBSET_FRACTION, options.seed)
    : complementaryHalves(data.y, split.trainIdx, options.seed);
  const phase = thorough ? 'subsample-models' : 'cross-fit';
  report(ctx, phase, 0, `0/${subsets.length} models`);
  const outcomes = await trainSubsetModelsInParallel(
    { X: data.X.dataSync() as Float32Array, y: data.y, numFeatures: arch.inputDim, numClasses: data.numClasses },
    arch,
    subsets,
    { epochs: trainOptions.epochs, batchSize: trainOptions.batchSize, learningRate: trainOptions.learningRate },
    options.seed,
    { workers: options.workers ?? (thorough ? undefined : 1), backend: options.backend },
    (done) => report(ctx, phase, done / subsets.length, `${done}/${subsets.length} models`),
    ctx,
  );
  const estimate: MemorizationEstimate = subsampleMemorization(outcomes, data.numSamples);
  const restrictToTrain = (values: Float32Array) => Float32Array.from(values, (v, i) => (split.trainMask[i] ? v : NaN));
  if (thorough) {
    const memorization = restrictToTrain(estimate.memorization);
    return {
      method: `subsample estimator: ${subsets.length} models on random ${SUBSET_FRACTION * 100}% subsets`,
      memorization,
      memorizationSoft: restrictToTrain(estimate.memorizationSoft),
      proxySpearman: finiteOrNull(spearman(dynamics.confidence, memorization)),
    };
  }
  const crossFit = restrictToTrain(estimate.memorizationSoft);
  return {
    method: 'cross-fit (2 models on complementary halves) calibrated on the one-run confidence proxy by isotonic regression',
    memorization: restrictToTrain(calibrateMemorization(dynamics.confidence, crossFit)),
    crossFit,
    proxySpearman: finiteOrNull(spearman(dynamics.confidence, crossFit)),
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
}
