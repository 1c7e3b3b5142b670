import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../model/mlp';
import { createRandom, permutation } from '../util/random';
import { ForgetTarget, forgetTarget } from './forgetTarget';
import { UnlearnTask } from './types';

/** At most this many forget, retain and validation samples are looked at per check. */
const PROBE = 1000;

/**
 * Early stopping with rewind for the methods that push the forget set away (after SCRUB+R, which
 * rewinds to the checkpoint whose forget error matches the error on held-out data). A model that
 * never saw the forget set keeps the starting model's accuracy on retained and held-out data, and
 * gets the forget set right about as often as the audit's evidence predicts (forgetTarget.ts:
 * the held-out accuracy for a random forget set, much less for highly memorized samples). So
 * every check scores the model by the tug-of-war against those estimates,
 *   (1−|a(F)−a*(F)|)·(1−|a(R)−a₀(R)|)·(1−|a(V)−a₀(V)|),  a₀ = the starting model, a*(F) the target,
 * keeps the best-scoring weights, stops once the score has not improved for `patience` checks
 * (0: runs the whole budget), and rewinds to the best. The held-out side is the validation split
 * V, which no model trained on: a₀(V) estimates generalisation as the test split would, while
 * the test split itself is never read here (choosing on T and reporting on T is test-set
 * selection). It chooses when to stop, not whether to unlearn: only states whose forget accuracy
 * fell below the start are candidates (unless none does). On small splits the estimates are off
 * by several points, and methods whose first steps shake the model before it settles would
 * otherwise be rewound to nothing; the report shows the original model next to them. It uses only
 * data a method may see (F, R, V, and the audit of the original training data), never the
 * retrained model. Without the audit's evidence the target is the validation accuracy, which for
 * a forget set unlike held-out data (one class, mislabelled or memorized samples) errs on the
 * cautious side and stops early. Without a validation split it never stops a method.
 */
export class HeldOutRewind {
  private readonly forget: Int32Array;
  private readonly retain: Int32Array;
  private readonly validation: Int32Array;
  private readonly target: { validation: number; retain: number; startForget: number; forget: ForgetTarget };
  private best = -Infinity;
  private bestWeights: Float32Array[] | null = null;
  private sinceBest = 0;
  private sawCandidate = false;

  constructor(
    private readonly model: Mlp,
    private readonly task: Pick<UnlearnTask, 'data' | 'forgetIdx' | 'retainIdx' | 'validationIdx' | 'seed' | 'heldOutEvidence'>,
    /** Checks without improvement before stopping; 0: run the whole budget. */
    private readonly patience: number,
  ) {
    this.forget = probe(task.forgetIdx, task.seed);
    this.retain = probe(task.retainIdx, task.seed + 1);
    this.validation = probe(task.validationIdx, task.seed + 2);
    const validation = this.accuracy(this.validation);
    const correct = this.correct(this.forget);
    const startForget = correct.length ? correct.filter(Boolean).length / correct.length : NaN;
    this.target = { validation, retain: this.accuracy(this.retain), startForget, forget: forgetTarget(this.forget, correct, validation, task.heldOutEvidence) };
  }

  /** The forget accuracy aimed at, and how much of it came from the audit. */
  get forgetTarget(): ForgetTarget {
    return this.target.forget;
  }

  get active(): boolean {
    return this.validation.length > 0 && this.forget.length > 0;
  }

  /** Score the model as it is now; true when the method should stop. */
  check(): boolean {
    if (!this.active) return false;
    const forget = this.accuracy(this.forget);
    const score = (1 - Math.abs(forget - this.target.forget.accuracy)) * (1 - Math.abs(this.accuracy(this.retain) - this.target.retain)) * (1 - Math.abs(this.accuracy(this.validation) - this.target.validation));
    // Only states that forgot something are candidates, unless none ever does.
    const candidate = forget < this.target.startForget;
    if (candidate && !this.sawCandidate) {
      this.sawCandidate = true;
      this.best = -Infinity;
    }
    if ((candidate || !this.sawCandidate) && score > this.best) {
      this.best = score;
      this.bestWeights = this.model.getWeights();
      this.sinceBest = 0;
    } else {
      this.sinceBest++;
    }
    return this.patience > 0 && this.sinceBest >= this.patience;
  }

  /** Put the best-scoring weights back. */
  rewind(): void {
    if (this.bestWeights) this.model.setWeights(this.bestWeights);
  }

  private accuracy(idx: Int32Array): number {
    if (idx.length === 0) return NaN;
    return this.correct(idx).filter(Boolean).length / idx.length;
  }

  private correct(idx: Int32Array): boolean[] {
    if (idx.length === 0) return [];
    const { X, y } = this.task.data;
    const predicted = tf.tidy(() => tf.argMax(this.model.forward(tf.gather(X, tf.tensor1d(idx, 'int32')) as tf.Tensor2D).logits, 1).dataSync());
    return Array.from(idx, (i, k) => predicted[k] === y[i]);
  }
}

function probe(idx: Int32Array, seed: number): Int32Array {
  if (idx.length <= PROBE) return idx;
  const order = permutation(idx.length, createRandom(seed ^ 0x9e37));
  return Int32Array.from(order.subarray(0, PROBE), (k) => idx[k]);
}
