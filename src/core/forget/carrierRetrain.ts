import { JobContext } from '../progress';
import { HostData, SubsetTrainOptions, trainSubsetModelsInParallel } from '../model/parallelSubsetModels';
import { BackendPreference } from '../model/backend';
import { MlpArchitecture } from '../model/mlp';
import { CandidateCarrier, candidateCarriers } from './candidateCarriers';
import { ForgetSplit } from './evaluation';
import { keepsLabel } from './seedSpread';
import { MAX_HELD_OUT_SHARE, chooseUnderCap } from './holdOutCap';

/** The counterfactual retrain: without the forget set and every candidate carrier, same seeds as the retrains. */
export interface CarrierRetrain {
  /** Per forget sample (in split.forgetIdx order); empty where the retrains do not keep its label, or the cap left it untested. */
  candidates: CandidateCarrier[][];
  /** Per forget sample: whether the counterfactual tested it, or why not. */
  test: CarrierTest[];
  /** The cap on `heldOut` as a share of the retain set (holdOutCap.ts). */
  maxHeldOutShare: number;
  retainSize: number;
  /** p(label) for every sample under each seed's model; null when no sample needed the test. */
  pTrue: Float32Array[] | null;
  perSpace: number;
  /** Retain samples held out besides the forget set. */
  heldOut: number;
  /** Wall-clock time of the candidate search and the extra retrains. */
  seconds: number;
  /** Per class (index): median p(label) on its test samples, never trained on by either retrain. */
  classCheck: Array<{ pRetrain: number; pRetrainWithoutCarriers: number }>;
}

/** 'not needed': the retrains do not keep its label; 'capped': they do, but its candidates did not fit under the hold-out cap. */
export type CarrierTest = 'tested' | 'not needed' | 'capped';

export interface CarrierRetrainInputs {
  host: HostData;
  arch: MlpArchitecture;
  split: ForgetSplit;
  /** p(label) per retrain seed without the forget set. */
  retrainPTrue: Float32Array[];
  embeddings: { values: Float32Array; dim: number };
  perSpace: number;
  trainOptions: SubsetTrainOptions;
  /** The seed the retrains without the forget set were derived from: model k gets the same seed here. */
  retrainSeed: number;
  settings: { workers?: number; backend: BackendPreference; queue?: string };
  onModelDone: (done: number) => void;
}

/**
 * Only samples whose label the retrains keep need the counterfactual: for the others deleting them
 * already works. One retrain per seed for the whole request, not one per sample.
 */
export async function retrainWithoutCarriers(inputs: CarrierRetrainInputs, ctx?: JobContext): Promise<CarrierRetrain> {
  const started = performance.now();
  const { host, split, retrainPTrue } = inputs;
  const kept = split.forgetIdx.filter((i) => keepsLabel(retrainPTrue.map((p) => p[i])));
  const spaces = { X: host.X, numFeatures: host.numFeatures, embeddings: inputs.embeddings.values, embeddingDim: inputs.embeddings.dim, y: host.y };
  const found = candidateCarriers(spaces, kept, split.retainIdx, inputs.perSpace);
  const { tested, heldOut } = chooseUnderCap(found, split.retainIdx.length);
  const byIndex = new Map(Array.from(kept, (i, k) => [i, k]));
  const candidates = Array.from(split.forgetIdx, (i) => (byIndex.has(i) && tested[byIndex.get(i)!] ? found[byIndex.get(i)!] : []));
  const test = Array.from(split.forgetIdx, (i): CarrierTest => (!byIndex.has(i) ? 'not needed' : tested[byIndex.get(i)!] ? 'tested' : 'capped'));
  const base = { candidates, test, perSpace: inputs.perSpace, maxHeldOutShare: MAX_HELD_OUT_SHARE, retainSize: split.retainIdx.length };
  if (heldOut.size === 0) return { ...base, pTrue: null, heldOut: 0, seconds: (performance.now() - started) / 1000, classCheck: [] };
  const subset = split.retainIdx.filter((i) => !heldOut.has(i));
  const outcomes = await trainSubsetModelsInParallel(host, inputs.arch, retrainPTrue.map(() => subset), inputs.trainOptions, inputs.retrainSeed, inputs.settings, inputs.onModelDone, ctx);
  const pTrue = outcomes.map((o) => o.pTrue);
  const classCheck = Array.from({ length: host.numClasses }, (_, c) => ({ pRetrain: testMedian(retrainPTrue, split.testIdx, host.y, c), pRetrainWithoutCarriers: testMedian(pTrue, split.testIdx, host.y, c) }));
  return { ...base, pTrue, heldOut: heldOut.size, seconds: (performance.now() - started) / 1000, classCheck };
}

/**
 * Median p(label) over the test samples of one class, pooled over the models (NaN without any).
 * The median: test samples that are themselves carried by the candidates (copies that fell into
 * the test split) lose their label too, and must not make a still-learnt class look lost.
 */
function testMedian(models: Float32Array[], testIdx: Int32Array, y: Int32Array, label: number): number {
  const values: number[] = [];
  for (const p of models) for (const i of testIdx) if (y[i] === label) values.push(p[i]);
  if (values.length === 0) return NaN;
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

/**
 * The counterfactual is fair only if it leaves the rest of the class learnable: on the class's
 * test samples (held out by both retrains) the median p may not fall by more than the tolerance.
 */
export function classStillLearnt(check: { pRetrain: number; pRetrainWithoutCarriers: number } | undefined, tolerance: number): boolean {
  if (!check || !Number.isFinite(check.pRetrain) || !Number.isFinite(check.pRetrainWithoutCarriers)) return true;
  return check.pRetrainWithoutCarriers >= check.pRetrain - tolerance;
}
