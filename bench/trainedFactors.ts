// The similarity stage as a fast audit runs it: train the audit's model on the training split,
// embed every sample, then computeFactors. Shared by the near-duplicate benches.
import { Dataset } from '../src/core/data/dataset';
import { initBackend } from '../src/core/model/backend';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp, sizeArchitecture } from '../src/core/model/mlp';
import { predictAll } from '../src/core/model/predict';
import { defaultTrainOptions, trainMlp } from '../src/core/model/train';
import { TrainTestSplit, heldOutSplit } from '../src/core/audit/splits';
import { ComputedFactors, computeFactors } from '../src/core/audit/computeFactors';
import { Stopwatch } from '../src/core/audit/stopwatch';
import { DEFAULT_AUDIT_OPTIONS } from '../src/core/audit/options';

export async function trainedFactors(dataset: Dataset, seed = DEFAULT_AUDIT_OPTIONS.seed): Promise<{ factors: ComputedFactors; split: TrainTestSplit; clock: Stopwatch }> {
  await initBackend('auto');
  const options = { ...DEFAULT_AUDIT_OPTIONS, seed };
  const split = heldOutSplit(dataset.y, options.testFraction, seed);
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const model = Mlp.create(sizeArchitecture(dataset.numFeatures, dataset.classes.length), seed);
  await trainMlp(model, data, split.trainIdx, { ...defaultTrainOptions(split.trainIdx.length, seed), record: false });
  const predictions = predictAll(model, data, { embeddings: true });
  const clock = new Stopwatch();
  const factors = await computeFactors({ dataset, data, split, predictions, contentHashes: dataset.contentHashes }, options, clock);
  return { factors, split, clock };
}
