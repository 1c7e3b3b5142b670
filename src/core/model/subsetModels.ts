import { JobContext } from '../progress';
import { SubsetModelOutcome } from '../factors/memorization';
import { createRandom, deriveSeed, stratifiedSplit } from '../util/random';
import { DeviceData } from './deviceData';
import { Mlp, MlpArchitecture } from './mlp';
import { predictAll, predictedLabels, trueLabelProbability } from './predict';
import { TrainOptions, trainMlp } from './train';

/** A training subset per model: each a stratified random `fraction` of the training indices. */
export function randomSubsets(y: Int32Array, trainIdx: Int32Array, count: number, fraction: number, seed: number): Int32Array[] {
  return Array.from({ length: count }, (_, k) => stratifiedSplit(y, fraction, createRandom(deriveSeed(seed, 'subset', k)), trainIdx).picked);
}

/** Two complementary halves of the training set (cross-fitting: every sample is in exactly one). */
export function complementaryHalves(y: Int32Array, trainIdx: Int32Array, seed: number): Int32Array[] {
  return halvesPairs(y, trainIdx, 1, seed);
}

/**
 * `pairs` independent splits into complementary halves, as [half, other half, half, …]: every
 * training sample is in exactly one model of each pair, so in `pairs` models and out of `pairs`.
 * The first pair is complementaryHalves'.
 */
export function halvesPairs(y: Int32Array, trainIdx: Int32Array, pairs: number, seed: number): Int32Array[] {
  const out: Int32Array[] = [];
  for (let j = 0; j < pairs; j++) {
    const pairSeed = j === 0 ? deriveSeed(seed, 'halves') : deriveSeed(seed, 'halves', j);
    const { picked, rest } = stratifiedSplit(y, 0.5, createRandom(pairSeed), trainIdx);
    out.push(picked, rest);
  }
  return out;
}

/** Train one fresh model on `subset` and record what it says about every sample. */
export async function trainOneSubsetModel(
  data: DeviceData,
  arch: MlpArchitecture,
  subset: Int32Array,
  trainOptions: Omit<TrainOptions, 'record' | 'seed' | 'onEpoch'>,
  seed: number,
  ctx?: JobContext,
): Promise<SubsetModelOutcome> {
  const model = Mlp.create(arch, seed);
  const started = performance.now();
  try {
    await trainMlp(model, data, subset, { ...trainOptions, seed, record: false }, ctx);
    const seconds = (performance.now() - started) / 1000;
    const pred = predictAll(model, data);
    const labels = predictedLabels(pred);
    const member = new Uint8Array(data.numSamples);
    for (const i of subset) member[i] = 1;
    return {
      member,
      pTrue: trueLabelProbability(pred, data.y),
      correct: Uint8Array.from(labels, (label, i) => (label === data.y[i] ? 1 : 0)),
      seconds,
    };
  } finally {
    model.dispose();
  }
}
