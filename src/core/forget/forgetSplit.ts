import { heldOutSplit } from '../audit/splits';
import { createRandom, deriveSeed, stratifiedSplit } from '../util/random';
import { ForgetSplit } from './evaluation';

/** Share of the retain pool (every row outside F and T) that becomes the validation split V. */
export const VALIDATION_FRACTION = 0.1;
/** V's cap: the held-out rule scores at most this many samples per check (heldOutRewind.ts), so more would only take data from training. */
export const MAX_VALIDATION = 1000;

/**
 * The forget experiment's four sets. T is the audit's held-out split minus the forget samples
 * (they must be in training to be forgotten). V is carved, stratified by label and fixed by the
 * seed, from the rest before any model trains: neither the original nor the retrained models see
 * it, so it is a second held-out split that only unlearning's choices read, and T stays for
 * reporting. R is what is left: it trains both models and is the retain set of every method.
 */
export function forgetSplit(y: Int32Array, forgetIdx: Int32Array, options: { testFraction: number; seed: number }): ForgetSplit {
  const isForget = new Uint8Array(y.length);
  for (const i of forgetIdx) isForget[i] = 1;
  const base = heldOutSplit(y, options.testFraction, options.seed);
  const testIdx = base.testIdx.filter((i) => !isForget[i]);
  const isTest = new Uint8Array(y.length);
  for (const i of testIdx) isTest[i] = 1;
  const pool = Int32Array.from(y.keys()).filter((i) => !isForget[i] && !isTest[i]);
  const fraction = Math.min(VALIDATION_FRACTION, MAX_VALIDATION / Math.max(1, pool.length));
  const { picked, rest } = stratifiedSplit(y, fraction, createRandom(deriveSeed(options.seed, 'validation-split')), pool);
  return { forgetIdx, retainIdx: rest, validationIdx: picked, testIdx };
}
