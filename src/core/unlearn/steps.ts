import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../model/mlp';
import { JobContext, breathe, throwIfCancelled } from '../progress';
import { createRandom, shuffleInPlace } from '../util/random';
import { UnlearnTask } from './types';

/** Cycles through shuffled minibatches of an index set, forever. */
export class BatchSampler {
  private order: Int32Array;
  private at = 0;
  private readonly random: () => number;

  constructor(indices: Int32Array, private readonly batchSize: number, seed: number) {
    this.order = Int32Array.from(indices);
    this.random = createRandom(seed);
    shuffleInPlace(this.order, this.random);
  }

  get batchesPerEpoch(): number {
    return Math.max(1, Math.ceil(this.order.length / this.batchSize));
  }

  next(): Int32Array {
    if (this.at >= this.order.length) {
      shuffleInPlace(this.order, this.random);
      this.at = 0;
    }
    const batch = this.order.subarray(this.at, Math.min(this.order.length, this.at + this.batchSize));
    this.at += this.batchSize;
    return batch;
  }
}

export interface UnlearnSchedule {
  /** The budget, in optimiser steps: epochs run one after another until it is spent (the last may be cut short). */
  steps: number;
  /** Steps in every epoch, or per epoch (at least 1); an epoch is where the method's data is reshuffled and observed. */
  stepsPerEpoch: number | ((epoch: number) => number);
  learningRate: number;
  /** 1 for weights that may change, 0 for frozen ones (SalUn's saliency mask); one per parameter. */
  mask?: tf.Tensor[];
  /** Checked every few steps: may stop the run early, and rewinds the model to its best state at the end. */
  checkpoint?: Checkpoint;
}

export interface Checkpoint {
  /** Score the model now; true: stop. */
  check(): boolean;
  rewind(): void;
}

/** Checks per epoch when a checkpoint watches the run. */
const CHECKS_PER_EPOCH = 10;

export interface UnlearnOutcome {
  /** Optimiser steps applied. */
  steps: number;
  stoppedEarly: boolean;
}

/**
 * The unlearning optimiser loop: Adam, the optimiser family the original model was trained with
 * (see model/train.ts). Plain SGD barely moves such a model: Adam drives its training loss to
 * ~1e-3, where cross-entropy gradients are ~500× smaller than at the start of training, while
 * Adam's steps are normalised and keep their size. `loss(step, epoch, stepInEpoch)` gives the
 * function building the scalar to minimise (run inside a tidy), or null to skip that step.
 * About ten times an epoch the task's observer sees the model, and the checkpoint may stop it.
 */
export async function runUnlearningSteps(
  model: Mlp,
  schedule: UnlearnSchedule,
  loss: (step: number, epoch: number, stepInEpoch: number) => (() => tf.Scalar) | null,
  task: Pick<UnlearnTask, 'onCheck'>,
  ctx?: JobContext,
): Promise<UnlearnOutcome> {
  const optimizer = tf.train.adam(schedule.learningRate);
  let step = 0;
  let applied = 0;
  let stop = false;
  try {
    for (let epoch = 0; step < schedule.steps && !stop; epoch++) {
      const steps = typeof schedule.stepsPerEpoch === 'number' ? schedule.stepsPerEpoch : schedule.stepsPerEpoch(epoch);
      if (!(steps >= 1)) throw new Error(`unlearning epoch ${epoch + 1} has ${steps} steps`);
      const checkEvery = Math.max(1, Math.floor(steps / CHECKS_PER_EPOCH));
      const inEpoch = Math.min(steps, schedule.steps - step);
      for (let s = 0; s < inEpoch && !stop; s++, step++) {
        const objective = loss(step, epoch, s);
        if (objective) {
          tf.tidy(() => {
            const { grads } = tf.variableGrads(objective, model.params);
            optimizer.applyGradients(
              model.params.map((p, k) => ({ name: p.name, tensor: schedule.mask ? tf.mul(grads[p.name], schedule.mask[k]) : grads[p.name] })),
            );
          });
          applied++;
        }
        if ((s + 1) % checkEvery === 0) {
          task.onCheck?.(model, { steps: applied, epoch: epoch + 1 });
          if (schedule.checkpoint) stop = schedule.checkpoint.check();
        }
      }
      throwIfCancelled(ctx);
      await breathe();
    }
    schedule.checkpoint?.rewind();
    return { steps: applied, stoppedEarly: stop };
  } finally {
    optimizer.dispose();
  }
}

/** Mean cross-entropy of the model on rows `idx`, against their labels or the given one-hot targets. */
export function crossEntropy(model: Mlp, X: tf.Tensor2D, yOneHot: tf.Tensor2D, idx: Int32Array, targets?: tf.Tensor2D): tf.Scalar {
  const rows = tf.tensor1d(idx, 'int32');
  const { logits } = model.forward(tf.gather(X, rows) as tf.Tensor2D);
  return tf.losses.softmaxCrossEntropy(targets ?? (tf.gather(yOneHot, rows) as tf.Tensor2D), logits) as tf.Scalar;
}
