import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from '../data/dataset';
import { PerSampleEntanglement, perSampleEntanglement } from '../factors/entanglement';
import { InstanceFactors, instanceFactors } from '../factors/instance';
import { NeighbourLists, NeighbourSearchOptions, centredUnitRows, randomProjection, rangeScaledColumns, rerankExactly, topKNeighbours } from '../factors/neighbours';
import {
  EffectiveThresholds,
  SimilarSamples,
  adaptiveInputThreshold,
  findSimilarSamples,
  nearestCandidateSimilarity,
} from '../factors/similarity';
import { TrainingDynamics } from '../factors/trainingDynamics';
import { DeviceData } from '../model/deviceData';
import { Predictions } from '../model/predict';
import { JobContext, report } from '../progress';
import { readTidy } from '../model/readTensor';
import { deriveSeed } from '../util/random';
import { MemorizationResult } from './estimateMemorization';
import { AuditOptions, PROJECTION_DIM, SIMILARITY_CANDIDATES } from './options';
import { TrainTestSplit } from './splits';
import { Stopwatch } from './stopwatch';

export interface FactorInputs {
  dataset: Dataset;
  data: DeviceData;
  split: TrainTestSplit;
  predictions: Predictions;
  dynamics?: TrainingDynamics;
  memorization?: MemorizationResult;
  contentHashes: string[];
}

export interface ComputedFactors {
  dynamics?: TrainingDynamics;
  instance: InstanceFactors;
  entanglement: PerSampleEntanglement;
  similar: SimilarSamples;
  /** Input cosine of each sample's nearest other sample (similar or not). */
  nearestSimilarity: Float32Array;
  thresholds: EffectiveThresholds;
  labelDisagreement: Float32Array;
  inputSearch: { method: 'exact' | 'random-projection'; dimensions: number; recallAtK: number | null };
}

/** Every per-sample factor that needs the model's outputs and the neighbourhoods of each sample. */
export async function computeFactors(
  inputs: FactorInputs,
  options: AuditOptions,
  clock: Stopwatch,
  ctx?: JobContext,
): Promise<ComputedFactors> {
  const { data, split, predictions } = inputs;
  const n = data.numSamples;
  const dim = inputs.dataset.numFeatures;
  const X = data.X.dataSync() as Float32Array;

  report(ctx, 'similarity', 0, 'input space');
  const inputUnit = centredUnitRows(rangeScaledColumns(X, n, dim), n, dim);
  const search = await inputCandidates(
    inputUnit,
    n,
    dim,
    options.seed,
    { workers: options.workers, onBlock: (f) => report(ctx, 'similarity', 0.6 * f, 'input space') },
    ctx,
  );
  const embeddingDim = predictions.embeddingDim;
  const embeddingUnit = centredUnitRows(predictions.embeddings!, n, embeddingDim);
  report(ctx, 'similarity', 0.6, 'embedding space');
  const embeddingNeighbours = await topKNeighbours(
    embeddingUnit,
    n,
    embeddingDim,
    options.neighbours,
    { allowed: split.trainMask, workers: options.workers, onBlock: (f) => report(ctx, 'similarity', 0.6 + 0.4 * f, 'embedding space') },
    ctx,
  );
  const nearestSimilarity = nearestCandidateSimilarity(search.candidates);
  const thresholds: EffectiveThresholds = {
    input: options.similarity.input === 'auto' ? adaptiveInputThreshold(nearestSimilarity) : options.similarity.input,
    embedding: options.similarity.embedding,
  };
  const similar = findSimilarSamples(
    { n, embeddingUnit, embeddingDim, candidates: search.candidates, contentHashes: inputs.contentHashes },
    thresholds,
  );
  clock.lap('similarity');

  report(ctx, 'factors', 0);
  const factors: ComputedFactors = {
    dynamics: inputs.dynamics,
    instance: instanceFactors(predictions, data.y),
    entanglement: perSampleEntanglement(predictions.embeddings!, embeddingDim, data.y, data.numClasses, split.trainMask, embeddingNeighbours),
    similar,
    nearestSimilarity,
    thresholds,
    labelDisagreement: labelDisagreement(search.candidates, data.y, split.trainMask, options.neighbours),
    inputSearch: search.info,
  };
  clock.lap('factors');
  report(ctx, 'factors', 1);
  return factors;
}

/**
 * Candidate near neighbours in input space: exact when the inputs are narrow, else through a
 * random projection, with its recall of the exact top-k measured on a sample of queries.
 */
async function inputCandidates(
  inputUnit: Float32Array,
  n: number,
  dim: number,
  seed: number,
  search: Pick<NeighbourSearchOptions, 'workers' | 'onBlock'>,
  ctx?: JobContext,
): Promise<{ candidates: NeighbourLists; info: ComputedFactors['inputSearch'] }> {
  if (dim <= PROJECTION_DIM) {
    const candidates = await topKNeighbours(inputUnit, n, dim, SIMILARITY_CANDIDATES, search, ctx);
    return { candidates, info: { method: 'exact', dimensions: dim, recallAtK: null } };
  }
  const projected = randomProjection(inputUnit, n, dim, PROJECTION_DIM, deriveSeed(seed, 'projection'));
  const projectedUnit = centredUnitRows(projected, n, PROJECTION_DIM);
  const projectedCandidates = await topKNeighbours(projectedUnit, n, PROJECTION_DIM, SIMILARITY_CANDIDATES, search, ctx);
  const recallAtK = measureRecall(inputUnit, n, dim, projectedCandidates, 10, 200, seed);
  const candidates = rerankExactly(projectedCandidates, inputUnit, dim);
  return { candidates, info: { method: 'random-projection', dimensions: PROJECTION_DIM, recallAtK } };
}

/** Share of the exact top-k input neighbours of sampled queries that the candidate lists contain. */
function measureRecall(inputUnit: Float32Array, n: number, dim: number, candidates: NeighbourLists, k: number, queries: number, seed: number): number {
  const step = Math.max(1, Math.floor(n / queries));
  const picked: number[] = [];
  for (let i = deriveSeed(seed, 'recall') % step; i < n && picked.length < queries; i += step) picked.push(i);
  const exact = readTidy(() => {
    const all = tf.tensor2d(inputUnit, [n, dim]);
    const rows = tf.gather(all, tf.tensor1d(picked, 'int32'));
    const sims = tf.sub(tf.matMul(rows, tf.transpose(all)), tf.mul(tf.oneHot(tf.tensor1d(picked, 'int32'), n), 1e4));
    return tf.topk(sims, Math.min(k, n - 1)).indices;
  });
  const kk = Math.min(k, n - 1);
  let found = 0;
  picked.forEach((i, q) => {
    const listed = new Set(candidates.indices.subarray(i * candidates.k, (i + 1) * candidates.k));
    for (let r = 0; r < kk; r++) if (listed.has(exact[q * kk + r])) found++;
  });
  return Math.round((found / (picked.length * kk)) * 1e4) / 1e4;
}

/** Share of a sample's k most similar training inputs (candidates sorted by exact cosine) with another label. */
function labelDisagreement(candidates: NeighbourLists, y: Int32Array, trainMask: Uint8Array, k: number): Float32Array {
  const n = y.length;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    let seen = 0;
    let other = 0;
    for (let r = 0; r < candidates.k && seen < k; r++) {
      const j = candidates.indices[i * candidates.k + r];
      if (j < 0 || !trainMask[j]) continue;
      seen++;
      if (y[j] !== y[i]) other++;
    }
    out[i] = seen === 0 ? 0 : other / seen;
  }
  return out;
}
