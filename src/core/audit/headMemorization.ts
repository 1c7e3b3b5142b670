import { subsampleMemorization } from '../factors/memorization';
import { trainSubsetModelsInParallel } from '../model/parallelSubsetModels';
import { Predictions } from '../model/predict';
import { complementaryHalves, randomSubsets } from '../model/subsetModels';
import { defaultTrainOptions } from '../model/train';
import { JobContext, report } from '../progress';
import { MemorizationResult } from './estimateMemorization';
import { AuditOptions } from './options';
import { TrainTestSplit } from './splits';

const SUBSET_FRACTION = 0.7;

/**
 * Memorization for a model ForgetLens did not train: softmax-regression heads on the model's
 * frozen embeddings stand in for retraining it. Fast: two heads on complementary halves (the raw
 * cross-fit, uncalibrated: there is no training run to calibrate against). Thorough: K heads on
 * random 70% subsets (Feldman & Zhang's estimator), cheap because only the head is trained.
 */
export async function headMemorization(
  predictions: Predictions,
  y: Int32Array,
  split: TrainTestSplit,
  options: AuditOptions,
  embeddingsFrom: string,
  ctx?: JobContext,
): Promise<MemorizationResult> {
  const thorough = options.mode === 'thorough';
  const subsets = thorough
    ? randomSubsets(y, split.trainIdx, options.k, SUBSET_FRACTION, options.seed)
    : complementaryHalves(y, split.trainIdx, options.seed);
  const host = { X: predictions.embeddings!, y, numFeatures: predictions.embeddingDim, numClasses: predictions.numClasses };
  const arch = { inputDim: predictions.embeddingDim, hidden: [], numClasses: predictions.numClasses };
  const train = defaultTrainOptions(split.trainIdx.length, options.seed);
  const phase = thorough ? 'subsample-models' : 'cross-fit';
  const outcomes = await trainSubsetModelsInParallel(
    host,
    arch,
    subsets,
    { epochs: options.epochs ?? train.epochs, batchSize: train.batchSize, learningRate: train.learningRate },
    options.seed,
    { workers: options.workers, backend: options.backend },
    (done) => report(ctx, phase, done / subsets.length, `${done}/${subsets.length} heads`),
    ctx,
  );
  const estimate = subsampleMemorization(outcomes, split.trainMask.length);
  const restrictToTrain = (values: Float32Array) => Float32Array.from(values, (v, i) => (split.trainMask[i] ? v : NaN));
  const heads = `softmax-regression heads on frozen embeddings (${embeddingsFrom})`;
  if (thorough) {
    // Soft, like the fast cross-fit: a linear head rarely flips one sample's argmax, so the 0/1
    // estimate is mostly zero whatever the data.
    const soft = restrictToTrain(estimate.memorizationSoft);
    return {
      method: `subsample estimator (soft, on p(y|x)): ${subsets.length} ${heads} on random ${SUBSET_FRACTION * 100}% subsets`,
      memorization: soft,
      memorizationSoft: soft,
      proxySpearman: null,
    };
  }
  const crossFit = restrictToTrain(estimate.memorizationSoft);
  return { method: `cross-fit: 2 ${heads} on complementary halves, uncalibrated (no training run)`, memorization: crossFit, crossFit, proxySpearman: null };
}
