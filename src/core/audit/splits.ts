import { createRandom, deriveSeed, stratifiedSplit } from '../util/random';
import { MAX_HELD_OUT } from './options';

export interface TrainTestSplit {
  trainIdx: Int32Array;
  testIdx: Int32Array;
  /** 1 for training samples. */
  trainMask: Uint8Array;
}

/** Stratified held-out split of the dataset's own samples, capped at MAX_HELD_OUT. */
export function heldOutSplit(y: Int32Array, testFraction: number, seed: number): TrainTestSplit {
  const fraction = Math.min(testFraction, MAX_HELD_OUT / Math.max(1, y.length));
  const { picked, rest } = stratifiedSplit(y, fraction, createRandom(deriveSeed(seed, 'test-split')));
  return withMask(rest, fraction > 0 ? picked : new Int32Array(0), y.length);
}

/** Every sample of the dataset trains; test samples (from a test file) are appended after them. */
export function appendedTestSplit(numTrain: number, numTest: number): TrainTestSplit {
  const trainIdx = Int32Array.from({ length: numTrain }, (_, i) => i);
  const testIdx = Int32Array.from({ length: numTest }, (_, i) => numTrain + i);
  return withMask(trainIdx, testIdx, numTrain + numTest);
}

function withMask(trainIdx: Int32Array, testIdx: Int32Array, n: number): TrainTestSplit {
  const trainMask = new Uint8Array(n);
  for (const i of trainIdx) trainMask[i] = 1;
  return { trainIdx, testIdx, trainMask };
}
