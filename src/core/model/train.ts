import * as tf from '@tensorflow/tfjs-core';
import { JobContext, breathe, throwIfCancelled } from '../progress';
import { createRandom, shuffleInPlace } from '../util/random';
import { Mlp } from './mlp';
import { DeviceData, minibatch } from './deviceData';
import { backprop } from './backprop';

export interface TrainOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  seed: number;
  /** Record per-sample in-batch statistics every epoch (the one-run memorization proxies). */
  record: boolean;
  /** Called after each epoch with the fraction of training done. */
  onEpoch?: (fraction: number) => void;
}

/** Per-sample statistics recorded in the minibatch forward pass, one row per epoch. */
export interface TrainingRecord {
  epochs: number;
  numSamples: number;
  /** [epoch * N + i]: p(y_i|x_i) when i was in a batch that epoch; NaN for samples not trained. */
  pTrue: Float32Array;
  maxProb: Float32Array;
  negEntropy: Float32Array;
  correct: Uint8Array;
  /** Last-layer per-sample gradient norm squared, ‖p−y‖²·(‖h‖²+1). */
  lastLayerGradSq: Float32Array;
}

/** Training hyper-parameters sized from the number of training samples. */
export function defaultTrainOptions(numTrain: number, seed: number): Omit<TrainOptions, 'record'> {
  return {
    epochs: Math.max(10, Math.min(60, Math.ceil(150_000 / Math.max(1, numTrain)))),
    // Larger batches keep the wasm kernels busy on big datasets; small data needs more steps.
    batchSize: numTrain >= 20_000 ? 256 : numTrain >= 5_000 ? 128 : 64,
    learningRate: 0.002,
    seed,
  };
}

const STATS_COLUMNS = 5;
/** Longest stretch of training between two looks at the event loop (cancel, progress). */
const YIELD_MS = 50;

/** Train `model` on the rows `trainIdx` of `data` with Adam, deterministic given the seed. */
export async function trainMlp(
  model: Mlp,
  data: DeviceData,
  trainIdx: Int32Array,
  options: TrainOptions,
  ctx?: JobContext,
): Promise<TrainingRecord | undefined> {
  const n = data.numSamples;
  const record = options.record ? allocateRecord(options.epochs, n) : undefined;
  const optimizer = tf.train.adam(options.learningRate);
  const random = createRandom(options.seed);
  const order = Int32Array.from(trainIdx);
  let yieldAt = performance.now() + YIELD_MS;
  try {
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      shuffleInPlace(order, random);
      for (let start = 0; start < order.length; start += options.batchSize) {
        const batch = order.subarray(start, Math.min(order.length, start + options.batchSize));
        const stats = trainStep(model, data, batch, optimizer, options.record);
        if (record && stats) writeStats(record, epoch, batch, stats);
        if (performance.now() >= yieldAt) {
          // A cancel message is only seen once the event loop runs: let it, between batches.
          await breathe();
          throwIfCancelled(ctx);
          yieldAt = performance.now() + YIELD_MS;
        }
      }
      options.onEpoch?.((epoch + 1) / options.epochs);
      throwIfCancelled(ctx);
      await breathe();
    }
  } finally {
    optimizer.dispose();
  }
  return record;
}

function trainStep(model: Mlp, data: DeviceData, batch: Int32Array, optimizer: tf.Optimizer, wantStats: boolean): Float32Array | undefined {
  let stats: tf.Tensor | undefined;
  tf.tidy(() => {
    const { xb, yb } = minibatch(data, batch);
    const { grads, probs, hidden } = backprop(model, xb, yb);
    if (wantStats) stats = tf.keep(batchStatistics(hidden, probs, yb));
    optimizer.applyGradients(Object.fromEntries(model.params.map((p, i) => [p.name, grads[i]])));
  });
  if (!stats) return undefined;
  const values = stats.dataSync() as Float32Array;
  stats.dispose();
  return values;
}

/** Columns: p(y|x), max p, −entropy, correct (0/1), last-layer gradient norm squared. */
function batchStatistics(hidden: tf.Tensor2D, probs: tf.Tensor2D, yOneHot: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const pTrue = tf.sum(tf.mul(probs, yOneHot), 1);
    const maxProb = tf.max(probs, 1);
    const negEntropy = tf.sum(tf.mul(probs, tf.log(tf.add(probs, 1e-12))), 1);
    const correct = tf.cast(tf.equal(tf.argMax(probs, 1), tf.argMax(yOneHot, 1)), 'float32');
    const residualSq = tf.sum(tf.square(tf.sub(probs, yOneHot)), 1);
    const hiddenSq = tf.add(tf.sum(tf.square(hidden), 1), 1);
    const gradSq = tf.mul(residualSq, hiddenSq);
    return tf.stack([pTrue, maxProb, negEntropy, correct, gradSq], 1) as tf.Tensor2D;
  });
}

function allocateRecord(epochs: number, n: number): TrainingRecord {
  const size = epochs * n;
  return {
    epochs,
    numSamples: n,
    pTrue: new Float32Array(size).fill(NaN),
    maxProb: new Float32Array(size).fill(NaN),
    negEntropy: new Float32Array(size).fill(NaN),
    correct: new Uint8Array(size),
    lastLayerGradSq: new Float32Array(size).fill(NaN),
  };
}

function writeStats(record: TrainingRecord, epoch: number, batch: Int32Array, stats: Float32Array): void {
  const base = epoch * record.numSamples;
  for (let r = 0; r < batch.length; r++) {
    const at = base + batch[r];
    const s = r * STATS_COLUMNS;
    record.pTrue[at] = stats[s];
    record.maxProb[at] = stats[s + 1];
    record.negEntropy[at] = stats[s + 2];
    record.correct[at] = stats[s + 3];
    record.lastLayerGradSq[at] = stats[s + 4];
  }
}
