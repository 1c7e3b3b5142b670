import { SubsetModelOutcome, calibrateMemorization, subsampleMemorization } from '../factors/memorization';
import { TrainingDynamics } from '../factors/trainingDynamics';
import { MlpArchitecture } from '../model/mlp';
import { complementaryHalves, randomSubsets } from '../model/subsetModels';
import { HostData, trainSubsetModelsInParallel } from '../model/parallelSubsetModels';
import type { FleetProgress } from '../queue/coordinator';
import { TrainOptions } from '../model/train';
import { JobContext, report } from '../progress';
import { spearman } from '../util/stats';
import { AuditOptions } from './options';
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

/** The extra models memorization needs, trained while the original model trains. */
export interface PendingMemorization {
  subsets: Int32Array[];
  outcomes: Promise<SubsetModelOutcome[]>;
}

const SUBSET_FRACTION = 0.7;

/**
 * Start training the models memorization needs, in worker threads, so that they run alongside
 * the original model's training on the other core.
 * Fast: two models on complementary halves give every sample one "seen" and one "unseen"
 * prediction. Thorough: K models on random 70% subsets (Feldman & Zhang's estimator).
 */
export function startMemorizationModels(
  host: HostData,
  split: TrainTestSplit,
  arch: MlpArchitecture,
  trainOptions: Omit<TrainOptions, 'record' | 'onEpoch'>,
  options: AuditOptions,
  ctx?: JobContext,
): PendingMemorization {
  const thorough = options.mode === 'thorough';
  const subsets = thorough
    ? randomSubsets(host.y, split.trainIdx, options.k, SUBSET_FRACTION, options.seed)
    : complementaryHalves(host.y, split.trainIdx, options.seed);
  const phase = thorough ? 'subsample-models' : 'cross-fit';
  const fleetMessage = ({ done, total, workers }: FleetProgress) =>
    report(ctx, phase, done / total, `${done}/${total} models on the queue · ${workers} worker${workers === 1 ? '' : 's'} seen`);
  const outcomes = trainSubsetModelsInParallel(
    host,
    arch,
    subsets,
    { epochs: trainOptions.epochs, batchSize: trainOptions.batchSize, learningRate: trainOptions.learningRate },
    options.seed,
    { workers: options.workers, backend: options.backend, queue: options.queue, onFleetProgress: fleetMessage },
    (done) => {
      if (!options.queue) report(ctx, phase, done / subsets.length, `${done}/${subsets.length} models`);
    },
    ctx,
  );
  // Awaited later; a rejection before then must not surface as an unhandled rejection.
  outcomes.catch(() => undefined);
  return { subsets, outcomes };
}

/** Turn the finished models' outcomes into the memorization estimate (calibrated in fast mode). */
export async function finishMemorization(
  pending: PendingMemorization,
  dynamics: TrainingDynamics,
  split: TrainTestSplit,
  options: AuditOptions,
): Promise<MemorizationResult> {
  const outcomes = await pending.outcomes;
  const estimate = subsampleMemorization(outcomes, split.trainMask.length);
  const restrictToTrain = (values: Float32Array) => Float32Array.from(values, (v, i) => (split.trainMask[i] ? v : NaN));
  if (options.mode === 'thorough') {
    const memorization = restrictToTrain(estimate.memorization);
    return {
      method: `subsample estimator: ${pending.subsets.length} models on random ${SUBSET_FRACTION * 100}% subsets`,
      memorization,
      memorizationSoft: restrictToTrain(estimate.memorizationSoft),
      proxySpearman: finiteOrNull(spearman(dynamics.confidence, memorization)),
    };
  }
  const crossFit = restrictToTrain(estimate.memorizationSoft);
  return {
    method: 'cross-fit (2 models on complementary halves) calibrated by isotonic regression on held-out error × one-run lack of confidence',
    memorization: restrictToTrain(calibrateMemorization(estimate.heldOutP, dynamics.confidence, crossFit)),
    crossFit,
    proxySpearman: finiteOrNull(spearman(dynamics.confidence, crossFit)),
  };
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : null;
}
