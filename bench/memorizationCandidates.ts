// Every candidate for fast mode's memorization estimate, computed in this process on the bench's
// data with the audit's own plan: the original model (trained with its per-sample record), the
// two cross-fit half-models, and K = 8 models on random 70 % subsets (K = 4 is their first four).
import { calibrateOnIndex, calibrateMemorization, MemorizationEstimate, shrinkTowardPrior, subsampleMemorization } from '../src/core/factors/memorization';
import { summariseTrainingRecord } from '../src/core/factors/trainingDynamics';
import { initBackend } from '../src/core/model/backend';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp } from '../src/core/model/mlp';
import { trainSubsetModelsInParallel } from '../src/core/model/parallelSubsetModels';
import { complementaryHalves, halvesPairs, randomSubsets } from '../src/core/model/subsetModels';
import { trainMlp } from '../src/core/model/train';
import { lexicographicRanks } from '../src/core/util/lexicographicRanks';
import { ranks } from '../src/core/util/stats';
import { BenchData } from './benchData';
import { MODEL_FAMILIES, ModelFamily, SHRINK_GRID } from './memorizationProtocol';

export interface Candidate {
  name: string;
  /** Higher = more memorized; NaN off the training rows. */
  score: Float32Array;
  /** Extra training compute over the original model's, in passes over the training set. */
  extraPasses: number;
}

export interface CandidateRun {
  candidates: Candidate[];
  seconds: { original: number; crossFit: number; subsets8: number; families: number };
}

const SUBSET_FRACTION = 0.7;
/** The row that repeats what fast mode ships (src/core/factors/memorization.ts). */
export const SHIPPED = 'fast mode as shipped (calibrateMemorization)';
/** The row of the index fast mode shipped before this comparison. */
export const BEFORE = 'held-out error × (1 − confidence): before, calibrated';

/** Mean of the ranks of several scores (each NaN-free on the training rows), a parameter-free combination. */
function rankMean(...scores: Float32Array[]): Float32Array {
  const r = scores.map((s) => ranks(s));
  return Float32Array.from(scores[0], (v, i) => (Number.isFinite(v) ? r.reduce((sum, ri) => sum + ri[i], 0) / r.length : NaN));
}

function fewModelCandidates(est: MemorizationEstimate, proxy: Float32Array, k: number, onTrain: (v: Float32Array) => Float32Array): Candidate[] {
  const extraPasses = k * SUBSET_FRACTION;
  const prior = calibrateOnIndex(proxy, est.memorizationSoft);
  return [
    { name: `K=${k} subsample, hard`, score: onTrain(est.memorization), extraPasses },
    { name: `K=${k} subsample, soft`, score: onTrain(est.memorizationSoft), extraPasses },
    ...SHRINK_GRID.map((strength) => ({
      name: `K=${k} soft shrunk toward confidence prior, strength ${strength}`,
      score: onTrain(shrinkTowardPrior(est, prior, strength)),
      extraPasses,
    })),
  ];
}

/**
 * The second round's scores of one family of models (bench/memorizationProtocol.ts): its hard
 * estimate alone, with the calibrated index ordering its ties, the index calibrated on it, and the
 * hard estimate shrunk toward that calibrated index.
 */
function familyCandidates(name: string, est: MemorizationEstimate, lackOfConfidence: Float32Array, extraPasses: number, onTrain: (v: Float32Array) => Float32Array): Candidate[] {
  const hard = onTrain(est.memorization);
  const index = onTrain(Float32Array.from(est.heldOutP, (p, i) => (1 - p) * lackOfConfidence[i]));
  const calibrated = onTrain(calibrateOnIndex(index, hard));
  return [
    { name: `${name}: hard`, score: hard, extraPasses },
    { name: `${name}: hard, calibrated index breaks ties`, score: onTrain(lexicographicRanks(hard, calibrated)), extraPasses },
    { name: `${name}: own index calibrated on its hard estimate`, score: calibrated, extraPasses },
    ...SHRINK_GRID.map((strength) => ({
      name: `${name}: hard shrunk toward calibrated index, strength ${strength}`,
      score: onTrain(shrinkTowardPrior(est, calibrated, strength, 'hard')),
      extraPasses,
    })),
  ];
}

/** Subsets of one family: K/2 pairs of halves or K random 70 % subsets. */
function familySubsets(family: ModelFamily, y: Int32Array, trainIdx: Int32Array, seed: number): Int32Array[] {
  return family.layout === 'halves' ? halvesPairs(y, trainIdx, family.k / 2, seed) : randomSubsets(y, trainIdx, family.k, SUBSET_FRACTION, seed);
}

/** Passes over the training set a family's models cost, with its epochs as rounded. */
function familyPasses(family: ModelFamily, epochs: number, familyEpochs: number): number {
  return family.k * (family.layout === 'halves' ? 0.5 : SUBSET_FRACTION) * (familyEpochs / epochs);
}

export async function memorizationCandidates(d: BenchData): Promise<CandidateRun> {
  const { dataset, split, arch, train } = d;
  await initBackend('auto');
  const onTrain = (v: Float32Array) => Float32Array.from(v, (x, i) => (split.trainMask[i] ? x : NaN));
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const model = Mlp.create(arch, train.seed);
  let started = performance.now();
  const record = await trainMlp(model, data, split.trainIdx, { ...train, record: true });
  const original = (performance.now() - started) / 1000;
  model.dispose();
  data.dispose();
  const dyn = summariseTrainingRecord(record!);

  const host = { X: dataset.X, y: dataset.y, numFeatures: dataset.numFeatures, numClasses: dataset.classes.length };
  const plan = { epochs: train.epochs, batchSize: train.batchSize, learningRate: train.learningRate };
  const trainSubsets = (subsets: Int32Array[]) => trainSubsetModelsInParallel(host, arch, subsets, plan, train.seed, { workers: 2, backend: 'auto' }, () => undefined);
  started = performance.now();
  const halves = subsampleMemorization(await trainSubsets(complementaryHalves(dataset.y, split.trainIdx, train.seed)), dataset.y.length);
  const crossFit = (performance.now() - started) / 1000;
  started = performance.now();
  const outcomes8 = await trainSubsets(randomSubsets(dataset.y, split.trainIdx, 8, SUBSET_FRACTION, train.seed));
  const subsets8 = (performance.now() - started) / 1000;

  const lackOfConfidence = onTrain(Float32Array.from(dyn.confidence, (c) => 1 - c));
  const heldOutError = onTrain(Float32Array.from(halves.heldOutP, (p) => 1 - p));
  const cumulativeLoss = onTrain(dyn.cumulativeLoss);
  const crossFitSoft = onTrain(halves.memorizationSoft);
  const calibrated = (index: Float32Array) => onTrain(calibrateOnIndex(index, crossFitSoft));
  const oneRun: Array<[string, Float32Array]> = [
    ['1 − confidence (one run)', lackOfConfidence],
    ['cumulative loss (one run)', cumulativeLoss],
    ['learning time: epoch first learned (one run)', onTrain(dyn.firstLearnedEpoch)],
    ['forgetting events (one run)', onTrain(dyn.forgettingEvents)],
  ];
  const crossFitIndices: Array<[string, Float32Array]> = [
    ['held-out error (cross-fit)', heldOutError],
    ['held-out error × (1 − confidence): before', onTrain(Float32Array.from(heldOutError, (e, i) => e * lackOfConfidence[i]))],
    ['rank mean of held-out error and cumulative loss', rankMean(heldOutError, cumulativeLoss)],
    ['rank mean of held-out error, cumulative loss, learning time', rankMean(heldOutError, cumulativeLoss, onTrain(dyn.firstLearnedEpoch))],
  ];
  // Families that differ only in K share models: the K = 4 one is the first four of the K = 8 one.
  started = performance.now();
  const trained = new Map<string, Awaited<ReturnType<typeof trainSubsets>>>();
  const familyRows: Candidate[] = [
    ...familyCandidates('K=4 random 70 %, all epochs', subsampleMemorization(outcomes8.slice(0, 4), dataset.y.length), lackOfConfidence, 4 * SUBSET_FRACTION, onTrain),
    ...familyCandidates('K=8 random 70 %, all epochs', subsampleMemorization(outcomes8, dataset.y.length), lackOfConfidence, 8 * SUBSET_FRACTION, onTrain),
  ];
  for (const family of MODEL_FAMILIES) {
    const epochs = Math.max(1, Math.round(train.epochs * family.epochShare));
    const sibling = MODEL_FAMILIES.find((f) => f !== family && f.layout === family.layout && f.epochShare === family.epochShare && f.k > family.k);
    const key = `${family.layout}|${epochs}`;
    if (!trained.has(key)) {
      const subsets = familySubsets(sibling ?? family, dataset.y, split.trainIdx, train.seed);
      trained.set(key, await trainSubsetModelsInParallel(host, arch, subsets, { ...plan, epochs }, train.seed, { workers: 2, backend: 'auto' }, () => undefined));
    }
    const outcomes = trained.get(key)!.slice(0, family.k);
    familyRows.push(...familyCandidates(family.name, subsampleMemorization(outcomes, dataset.y.length), lackOfConfidence, familyPasses(family, train.epochs, epochs), onTrain));
  }
  const families = (performance.now() - started) / 1000;

  const candidates: Candidate[] = [
    ...oneRun.map(([name, score]) => ({ name: `${name}, raw`, score, extraPasses: 0 })),
    ...crossFitIndices.map(([name, score]) => ({ name: `${name}, raw`, score, extraPasses: 1 })),
    // What fast mode ships: an index calibrated by isotonic regression on the cross-fit estimate.
    ...[...oneRun, ...crossFitIndices].map(([name, score]) => ({ name: `${name}, calibrated`, score: calibrated(score), extraPasses: 1 })),
    { name: 'cross-fit soft estimate (2 half-models)', score: crossFitSoft, extraPasses: 1 },
    { name: SHIPPED, score: onTrain(calibrateMemorization(halves.heldOutP, dyn.confidence, halves.memorizationSoft)), extraPasses: 1 },
    ...fewModelCandidates(subsampleMemorization(outcomes8.slice(0, 4), dataset.y.length), lackOfConfidence, 4, onTrain),
    ...fewModelCandidates(subsampleMemorization(outcomes8, dataset.y.length), lackOfConfidence, 8, onTrain),
    ...familyRows,
  ];
  return { candidates, seconds: { original, crossFit, subsets8, families } };
}
