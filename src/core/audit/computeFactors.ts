import { Dataset } from '../data/dataset';
import { PerSampleEntanglement, perSampleEntanglement } from '../factors/entanglement';
import { InstanceFactors, instanceFactors } from '../factors/instance';
import { NeighbourLists, NeighbourSearchOptions, centredUnitRows, rangeScaledColumns, topKNeighbours } from '../factors/neighbours';
import { EffectiveThresholds, SimilarSamples, findSimilarSamples, nearestCandidateSimilarity, scoreCandidates } from '../factors/similarity';
import { ThresholdChoice, adaptiveThreshold, fixedThreshold } from '../factors/adaptiveThreshold';
import { LocalRatioRule } from '../factors/localRatio';
import { imageLayout } from '../factors/imageLayout';
import { PairScorer, cosineScorer, thumbnailScorer } from '../factors/pairScore';
import { grayThumbnails } from '../factors/thumbnails';
import { ALIGNED_CANDIDATES, alignedScores, greyImages } from '../factors/alignedCorrelation';
import { COPY_GAP_CANDIDATES, CopyGapReport, copyGapWhy, copyGroups, firstScores } from '../factors/copyGap';
import { ThumbnailSearch, mergeCandidates, thumbnailCandidates } from '../factors/thumbnailCandidates';
import { TrainingDynamics } from '../factors/trainingDynamics';
import { DeviceData } from '../model/deviceData';
import { Predictions } from '../model/predict';
import { JobContext, report } from '../progress';
import { searchRecall } from '../factors/searchRecall';
import { MemorizationResult } from './estimateMemorization';
import { AuditOptions, PROJECTED_SEARCH_DIM, PROJECTED_SEARCH_MIN_ROWS, PROJECTION_DIM, SIMILARITY_CANDIDATES } from './options';
import { firstNeighbours, projectedTopK } from '../factors/projectedSearch';
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

export type NearDuplicateSettings = ThresholdChoice & {
  method: PairScorer['method'];
  /** Candidates examined per sample, from `candidateSources` together. */
  candidates: number;
  candidateSources?: Array<'model space' | 'thumbnails' | 'input space'>;
  thumbnailSearch?: ThumbnailSearch;
  /** Tail rules of audits before the copy-gap rule (no longer written). */
  local?: LocalRatioRule;
  aligned?: AlignedRule;
  /** The copy-gap rule (copyGap.ts), one per score it is applied to; absent with a fixed threshold. */
  copyGap?: CopyGapReport[];
};

/** A pair is also a near-duplicate at this aligned correlation, judged on each sample's first `candidates`. */
export type AlignedRule = Pick<ThresholdChoice, 'threshold' | 'nearestMedian' | 'logDistanceSpread' | 'z'> & { candidates: number; maxShift: number };

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
  /** How the model-space neighbours were searched; recallAt10: share of the exact top 10 found (sampled queries). */
  embeddingSearch: { method: 'exact' | 'principal-projection'; dimensions: number; recallAt10: number };
  /** How near-duplicates were judged, for the audit to say which threshold it used and why. */
  nearDuplicates: NearDuplicateSettings;
  /** The scored candidate lists the near-duplicates were judged on (bench/neardupDiagnosis.ts follows pairs through them). */
  candidates: NeighbourLists;
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
  const embeddingOptions = { allowed: split.trainMask, workers: options.workers, onBlock: (f: number) => report(ctx, 'similarity', inputShare + (0.9 - inputShare) * f, 'embedding space') };
  // Large, wide embeddings are searched on their leading principal directions (re-ranked exactly):
  // the block product is most of the stage's time, and its recall is measured below.
  const projected = n >= PROJECTED_SEARCH_MIN_ROWS && embeddingDim > PROJECTED_SEARCH_DIM;
  const thumbnails = layout ? grayThumbnails(inputRows, n, layout) : null;
  // Both searches at once, each with its recall measured as soon as it is done: one search's
  // main-thread work (projection, merging, re-ranking, recall) overlaps the other's workers.
  const modelSpace = (async () => {
    const lists = projected
      ? await projectedTopK(embeddingUnit, n, embeddingDim, searchK, { projectedDim: PROJECTED_SEARCH_DIM, searchK: SIMILARITY_CANDIDATES }, embeddingOptions, ctx)
      : await topKNeighbours(embeddingUnit, n, embeddingDim, searchK, embeddingOptions, ctx);
    const info = {
      method: projected ? ('principal-projection' as const) : ('exact' as const),
      dimensions: projected ? PROJECTED_SEARCH_DIM : embeddingDim,
      recallAt10: projected ? searchRecall(embeddingUnit, n, embeddingDim, lists, 10, 200, options.seed, split.trainMask) : 1,
    };
    const search = modelSpaceCandidates
      ? { candidates: lists, info: { method: 'model-space' as const, dimensions: embeddingDim, recallAtK: searchRecall(inputUnit, n, dim, lists, 10, 200, options.seed, split.trainMask) } }
      : await inputCandidates(inputUnit, n, dim, { workers: options.workers, onBlock: (f) => report(ctx, 'similarity', 0.6 * f, 'input space') }, ctx);
    return { lists, info, search };
  })();
  const thumbnailSearching = thumbnails ? thumbnailCandidates(thumbnails, n, SIMILARITY_CANDIDATES, { allowed: split.trainMask, workers: options.workers, seed: options.seed }, ctx) : null;
  const [{ lists: embeddingSearch, info: embeddingSearchInfo, search }, thumbnailSearch] = await Promise.all([modelSpace, thumbnailSearching]);
  const embeddingNeighbours = firstNeighbours(embeddingSearch, options.neighbours);
  report(ctx, 'similarity', 0.9, 'near-duplicates');
  const scorer = thumbnails ? thumbnailScorer(thumbnails) : cosineScorer(inputUnit, dim);
  const candidateLists = thumbnailSearch ? mergeCandidates(search.candidates, thumbnailSearch.lists) : search.candidates;
  const candidates = scoreCandidates(candidateLists, scorer);
  const nearestSimilarity = nearestCandidateSimilarity(candidates);
  const auto = options.similarity.input === 'auto';
  // The typical nearest neighbour, for the report; with 'auto' no pair is judged against it (a tail
  // of the dataset's own similarities flags its most alike look-alikes where it holds no copies).
  const typical = adaptiveThreshold(nearestSimilarity);
  const choice: ThresholdChoice = auto
    ? { ...typical, threshold: 1, logDistanceSpread: null, z: null, why: `typical nearest neighbour at similarity ${typical.nearestMedian}; near-duplicates are identical (similarity 1) or` }
    : fixedThreshold(options.similarity.input as number);
  // Images: also the images' own pixels, aligned (a 2 px shift or a re-lit copy that the
  // thumbnails blur into its look-alikes), on the first candidates only (docs/VALIDATION.md).
  const image = inputs.dataset.image;
  const aligned = thumbnails && image && auto ? alignedScores(candidates, greyImages(X, n, image), ALIGNED_CANDIDATES) : undefined;
  const groups = auto
    ? [
        copyGroups(firstScores(candidates.similarities, candidates.k, COPY_GAP_CANDIDATES), n, thumbnails ? 'thumbnail correlation' : 'cosine'),
        ...(aligned ? [copyGroups({ width: aligned.m, scores: aligned.scores }, n, 'aligned pixel correlation')] : []),
      ]
    : [];
  const gapReports = groups.flatMap((g) => (g.report ? [g.report] : []));
  const thresholds: EffectiveThresholds = { input: choice.threshold, embedding: options.similarity.embedding };
  const similar = findSimilarSamples(
    { n, labels: data.y, embeddingUnit, embeddingDim, candidates, contentHashes: inputs.contentHashes, aligned, copyGroups: groups },
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
    embeddingSearch: embeddingSearchInfo,
    candidates,
    nearDuplicates: {
      method: scorer.method,
      ...choice,
      ...(auto ? { copyGap: gapReports } : {}),
      why: auto ? `${choice.why} stand out from their own neighbourhood: ${gapReports.length ? gapReports.map(copyGapWhy).join('; or by ') : 'no candidates to compare'}` : choice.why,
      candidates: candidateLists.k,
      candidateSources: thumbnails ? ['model space', 'thumbnails'] : [search.info.method === 'model-space' ? 'model space' : 'input space'],
      ...(thumbnailSearch ? { thumbnailSearch: thumbnailSearch.search } : {}),
    },
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
