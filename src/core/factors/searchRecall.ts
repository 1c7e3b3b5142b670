import * as tf from '@tensorflow/tfjs-core';
import { readTidy } from '../model/readTensor';
import { deriveSeed } from '../util/random';
import { NeighbourLists } from './neighbours';

/**
 * Share of the exact top-k neighbours by dot product of `unitRows` (among allowed rows) of about
 * `queries` evenly spaced samples that `candidates` lists: the recall of a shortcut search.
 */
export function searchRecall(
  unitRows: Float32Array,
  n: number,
  dim: number,
  candidates: NeighbourLists,
  k: number,
  queries: number,
  seed: number,
  allowed: Uint8Array,
): number {
  const step = Math.max(1, Math.floor(n / queries));
  const picked: number[] = [];
  for (let i = deriveSeed(seed, 'recall') % step; i < n && picked.length < queries; i += step) picked.push(i);
  const exact = readTidy(() => {
    const all = tf.tensor2d(unitRows, [n, dim]);
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
