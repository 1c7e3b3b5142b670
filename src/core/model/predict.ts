import * as tf from '@tensorflow/tfjs-core';
import { Classifier } from './mlp';
import { DeviceData } from './deviceData';

/** Outputs of a model on every sample of a dataset, computed in batches. */
export interface Predictions {
  numSamples: number;
  numClasses: number;
  /** N x C softmax probabilities, row-major. */
  probs: Float32Array;
  /** N x C logits, row-major. */
  logits: Float32Array;
  /** N x H penultimate-layer embeddings, row-major (only when asked for). */
  embeddings?: Float32Array;
  embeddingDim: number;
}

export function predictAll(model: Classifier, data: DeviceData, options: { embeddings?: boolean; batchSize?: number } = {}): Predictions {
  const n = data.numSamples;
  const c = data.numClasses;
  const h = model.embeddingDim;
  const batchSize = options.batchSize ?? 4096;
  const probs = new Float32Array(n * c);
  const logits = new Float32Array(n * c);
  const embeddings = options.embeddings ? new Float32Array(n * h) : undefined;
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    tf.tidy(() => {
      const xb = tf.slice(data.X, [start, 0], [size, -1]) as tf.Tensor2D;
      const out = model.forward(xb);
      logits.set(out.logits.dataSync(), start * c);
      probs.set(tf.softmax(out.logits).dataSync(), start * c);
      if (embeddings) embeddings.set(out.hidden.dataSync(), start * h);
    });
  }
  return { numSamples: n, numClasses: c, probs, logits, embeddings, embeddingDim: h };
}

/** p(y_i|x_i) for each sample. */
export function trueLabelProbability(pred: Predictions, y: Int32Array): Float32Array {
  const out = new Float32Array(pred.numSamples);
  for (let i = 0; i < pred.numSamples; i++) out[i] = pred.probs[i * pred.numClasses + y[i]];
  return out;
}

export function predictedLabels(pred: Predictions): Int32Array {
  const out = new Int32Array(pred.numSamples);
  for (let i = 0; i < pred.numSamples; i++) {
    let best = 0;
    for (let k = 1; k < pred.numClasses; k++) {
      if (pred.probs[i * pred.numClasses + k] > pred.probs[i * pred.numClasses + best]) best = k;
    }
    out[i] = best;
  }
  return out;
}

export function accuracyOn(pred: Predictions, y: Int32Array, indices: Int32Array): number {
  if (indices.length === 0) return NaN;
  const labels = predictedLabels(pred);
  let hits = 0;
  for (const i of indices) if (labels[i] === y[i]) hits++;
  return hits / indices.length;
}
