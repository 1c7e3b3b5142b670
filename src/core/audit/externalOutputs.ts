import { InputError } from '../errors';
import { readMatrixFile } from '../data/matrixFile';
import { Predictions } from '../model/predict';

/** Where the audit's predictions and embeddings came from, as the report states it. */
export interface OutputSources {
  predictions: string;
  embeddings: string;
}

const SUM_TOLERANCE = 1e-3;

/**
 * Replace the model's predictions and/or embeddings by ones the user computed elsewhere. Like
 * cleanlab's pred_probs, the probabilities should be out-of-sample (cross-validated): one row per
 * sample in dataset order (then the test file's rows), one column per class in the audit's class order.
 */
export function applyExternalOutputs(
  predictions: Predictions,
  modelSources: OutputSources,
  files: { predProbs?: string; embeddings?: string },
  classes: string[],
): { predictions: Predictions; sources: OutputSources } {
  const n = predictions.numSamples;
  let out = predictions;
  const sources = { ...modelSources };
  if (files.predProbs) {
    const m = readMatrixFile(files.predProbs);
    checkRows(files.predProbs, m.rows, n);
    if (m.cols !== classes.length) {
      throw new InputError(`${m.cols} columns, but the dataset has ${classes.length} classes (${classes.join(', ')}): one column per class, in that order`, files.predProbs);
    }
    const probs = m.values;
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (let k = 0; k < m.cols; k++) {
        const p = probs[i * m.cols + k];
        if (!(p >= 0 && p <= 1)) throw new InputError(`row ${i + 1}, column ${k + 1}: ${p} is not a probability`, files.predProbs);
        sum += p;
      }
      if (Math.abs(sum - 1) > SUM_TOLERANCE) throw new InputError(`row ${i + 1} sums to ${sum}, not 1: give probabilities (softmax outputs), not logits`, files.predProbs);
    }
    out = { ...out, probs, logits: probs.map((p) => Math.log(Math.max(p, 1e-12))) };
    sources.predictions = `--pred-probs ${files.predProbs}`;
  }
  if (files.embeddings) {
    const m = readMatrixFile(files.embeddings);
    checkRows(files.embeddings, m.rows, n);
    out = { ...out, embeddings: m.values, embeddingDim: m.cols };
    sources.embeddings = `--embeddings ${files.embeddings}`;
  }
  return { predictions: out, sources };
}

function checkRows(file: string, rows: number, n: number): void {
  if (rows !== n) throw new InputError(`${rows} rows, but the audit has ${n} samples: one row per sample, in the dataset's order (then the test file's)`, file);
}
