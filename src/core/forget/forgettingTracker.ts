import * as tf from '@tensorflow/tfjs-core';
import { DeviceData } from '../model/deviceData';
import { Mlp } from '../model/mlp';

/** How close to the retrained model's p(y|x) counts as forgotten. */
export const FORGOTTEN_TOLERANCE = 0.1;

const CHUNK = 4096;

/**
 * Records, for each forget sample, when during unlearning its p(y|x) first fell to within
 * FORGOTTEN_TOLERANCE of the retrained level: optimiser steps and epoch (0: it already was).
 * Several unlearning stages (RUM) add up. Its time is measured so that it is not charged to the
 * algorithm.
 */
export class ForgettingTracker {
  readonly steps: Array<number | null>;
  readonly epochs: Array<number | null>;
  private offset = { steps: 0, epoch: 0 };
  private last = { steps: 0, epoch: 0 };
  seconds = 0;

  constructor(
    private readonly data: DeviceData,
    private readonly forgetIdx: Int32Array,
    private readonly pRetrain: Float32Array,
  ) {
    this.steps = Array.from(forgetIdx, () => null);
    this.epochs = Array.from(forgetIdx, () => null);
  }

  /** Look at the model `at` steps and epoch into the current stage. */
  observe(model: Mlp, at: { steps: number; epoch: number }): void {
    const started = performance.now();
    const steps = this.offset.steps + at.steps;
    const epoch = this.offset.epoch + at.epoch;
    this.last = { steps, epoch };
    const p = this.forgetProbabilities(model);
    this.forgetIdx.forEach((i, k) => {
      if (this.steps[k] === null && p[k] <= this.pRetrain[i] + FORGOTTEN_TOLERANCE) {
        this.steps[k] = steps;
        this.epochs[k] = epoch;
      }
    });
    this.seconds += (performance.now() - started) / 1000;
  }

  /** The next stage counts on from where this one ended. */
  nextStage(stage: { steps: number }): void {
    this.offset = { steps: this.offset.steps + stage.steps, epoch: this.last.epoch };
  }

  private forgetProbabilities(model: Mlp): Float32Array {
    const out = new Float32Array(this.forgetIdx.length);
    for (let start = 0; start < this.forgetIdx.length; start += CHUNK) {
      const idx = this.forgetIdx.subarray(start, start + CHUNK);
      tf.tidy(() => {
        const rows = tf.tensor1d(idx, 'int32');
        const probs = tf.softmax(model.forward(tf.gather(this.data.X, rows) as tf.Tensor2D).logits);
        const labels = tf.gather(tf.tensor1d(this.data.y, 'int32'), rows);
        out.set(tf.sum(tf.mul(probs, tf.oneHot(labels, this.data.numClasses)), 1).dataSync() as Float32Array, start);
      });
    }
    return out;
  }
}
