import * as tf from '@tensorflow/tfjs-core';
import { Dataset } from '../data/dataset';
import { PerSampleEntanglement, perSampleEntanglement } from '../factors/entanglement';
import { InstanceFactors, instanceFactors } from '../factors/instance';
import { NeighbourLists, NeighbourSearchOptions, centredUnitRows, rangeScaledColumns, topKNeighbours } from '../factors/neighbours';
import { EffectiveThresholds, SimilarSamples, findSimilarSamples, nearestCandidateSimilarity, scoreCandidates } from '../factors/similarity';
import { ThresholdChoice, adaptiveThreshold, fixedThreshold } from '../factors/adaptiveThreshold';
import { imageLayout } from '../factors/imageLayout';
import { PairScorer, cosineScorer, thumbnailScorer } from '../factors/pairScore';
import { grayThumbnails } from '../factors/thumbnails';
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

export type NearDuplicateSettings = ThresholdChoice & { method: PairScorer['method']; candidates: number };

export interface ComputedFactors {
  dynamics?: TrainingDynamics;
  instance: InstanceFactors;
  entanglement: PerSampleEntanglement;
  similar: SimilarSamples;
  /** Input cosine of each sample's nearest other sample (similar or not). */
  nearestSimilarity: Float32Array;
  thresholds: EffectiveThresholds;
  labelDisagreement: Float32Array;
  inputSearch: { method: 'exact' | 'random-projection' | 'model-space'; dimensions: number; recallAtK: number | null };
  /** How near-duplicates were judged, for the audit to say which threshold it used and why. */
  nearDuplicates: NearDuplicateSettings;
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

  const inputRows = rangeScaledColumns(X, n, dim);
  const inputUnit = centredUnitRows(inputRows, n, dim);
  const layout = imageLayout(inputs.dataset);
  // Wide inputs take their near-duplicate candidates from the model-space search, which the
  // entanglement factor runs anyway: a second search over hundreds of input dimensions cost more
  // than the rest of the similarity stage together.
  const modelSpaceCandidates = layout !== null || dim > PROJECTION_DIM;
  const embeddingDim = predictions.embeddingDim;
  const embeddingUnit = centredUnitRows(predictions.embeddings!, n, embeddingDim);
  const searchK = modelSpaceCandidates ? Math.max(options.neighbours, SIMILARITY_CANDIDATES) : options.neighbours;
  const inputShare = modelSpaceCandidates ? 0 : 0.6;
  report(ctx, 'similarity', inputShare, 'embedding space');
  const embeddingSearch = await topKNeighbours(
    embeddingUnit,
    n,
    embeddingDim,
    searchK,
    { allowed: split.trainMask, workers: options.workers, onBlock: (f) => report(ctx, 'similarity', inputShare + (0.9 - inputShare) * f, 'embedding space') },
    ctx,
  );
  const embeddingNeighbours = firstNeighbours(embeddingSearch, options.neighbours);
  const search = modelSpaceCandidates
    ? { candidates: embeddingSearch, info: { method: 'model-space' as const, dimensions: embeddingDim, recallAtK: measureRecall(inputUnit, n, dim, embeddingSearch, 10, 200, options.seed, split.trainMask) } }
    : await inputCandidates(inputUnit, n, dim, { workers: options.workers, onBlock: (f) => report(ctx, 'similarity', 0.6 * f, 'input space') }, ctx);
  report(ctx, 'similarity', 0.9, 'near-duplicates');
  const scorer = layout ? thumbnailScorer(grayThumbnails(inputRows, n, layout)) : cosineScorer(inputUnit, dim);
  const candidates = scoreCandidates(search.candidates, scorer);
  const nearestSimilarity = nearestCandidateSimilarity(candidates);
  const choice = options.similarity.input === 'auto' ? adaptiveThreshold(nearestSimilarity) : fixedThreshold(options.similarity.input);
  const thresholds: EffectiveThresholds = { input: choice.threshold, embedding: options.similarity.embedding };
  const similar = findSimilarSamples(
    { n, labels: data.y, embeddingUnit, embeddingDim, candidates, contentHashes: inputs.contentHashes },
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
    labelDisagreement: labelDisagreement(candidates, data.y, split.trainMask, options.neighbours),
    inputSearch: search.info,
    nearDuplicates: { method: scorer.method, ...choice, candidates: search.candidates.k },
  };
  clock.lap('factors');
  report(ctx, 'factors', 1);
  return factors;
}

/** Candidate near neighbours in narrow input spaces: the exact top-k by input cosine. */
async function inputCandidates(
  inputUnit: Float32Array,
  n: number,
  dim: number,
  search: Pick<NeighbourSearchOptions, 'workers' | 'onBlock'>,
  ctx?: JobContext,
): Promise<{ candidates: NeighbourLists; info: ComputedFactors['inputSearch'] }> {
  const candidates = await topKNeighbours(inputUnit, n, dim, SIMILARITY_CANDIDATES, search, ctx);
  return { candidates, info: { method: 'exact', dimensions: dim, recallAtK: null } };
}

/** The first k of each sorted neighbour list. */
function firstNeighbours(lists: NeighbourLists, k: number): NeighbourLists {
  if (k >= lists.k) return lists;
  const n = lists.indices.length / lists.k;
  const indices = new Int32Array(n * k);
  const similarities = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    indices.set(lists.indices.subarray(i * lists.k, i * lists.k + k), i * k);
    similarities.set(lists.similarities.subarray(i * lists.k, i * lists.k + k), i * k);
  }
  return { k, indices, similarities };
}

/** Share of the exact top-k input-cosine neighbours (among allowed rows) of sampled queries that the candidate lists contain. */
function measureRecall(inputUnit: Float32Array, n: number, dim: number, candidates: NeighbourLists, k: number, queries: number, seed: number, allowed: Uint8Array): number {
  const step = Math.max(1, Math.floor(n / queries));
  const picked: number[] = [];
  for (let i = deriveSeed(seed, 'recall') % step; i < n && picked.length < queries; i += step) picked.push(i);
  const exact = readTidy(() => {
    const all = tf.tensor2d(inputUnit, [n, dim]);
    const rows = tf.gather(all, tf.tensor1d(picked, 'int32'));
    const excluded = tf.add(tf.oneHot(tf.tensor1d(picked, 'int32'), n), tf.sub(1, tf.tensor1d(allowed, 'float32')));
    const sims = tf.sub(tf.matMul(rows, tf.transpose(all)), tf.mul(excluded, 1e4));
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
