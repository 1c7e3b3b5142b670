import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../model/mlp';
import { JobContext, breathe, throwIfCancelled } from '../progress';
import { createRandom, shuffleInPlace } from '../util/random';

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

export interface SgdSchedule {
  epochs: number;
  /** Steps in every epoch, or per epoch. */
  stepsPerEpoch: number | ((epoch: number) => number);
  learningRate: number;
  momentum?: number;
  /** 1 for weights that may change, 0 for frozen ones (SalUn's saliency mask); one per parameter. */
  mask?: tf.Tensor[];
}

/**
 * SGD with momentum (RUM's unlearning optimiser) for a fixed number of steps:
 * `loss(step, epoch, stepInEpoch)` builds the scalar to minimise (inside a tidy).
 */
export async function runSgd(
  model: Mlp,
  schedule: SgdSchedule,
  loss: (step: number, epoch: number, stepInEpoch: number) => tf.Scalar,
  onEpoch: ((epoch: number) => void) | undefined,
  ctx?: JobContext,
): Promise<void> {
  const optimizer = tf.train.momentum(schedule.learningRate, schedule.momentum ?? 0.9);
  let step = 0;
  try {
    for (let epoch = 0; epoch < schedule.epochs; epoch++) {
      const steps = typeof schedule.stepsPerEpoch === 'number' ? schedule.stepsPerEpoch : schedule.stepsPerEpoch(epoch);
      for (let s = 0; s < steps; s++, step++) {
        tf.tidy(() => {
          const { grads } = tf.variableGrads(() => loss(step, epoch, s), model.params);
          optimizer.applyGradients(
            model.params.map((p, k) => ({ name: p.name, tensor: schedule.mask ? tf.mul(grads[p.name], schedule.mask[k]) : grads[p.name] })),
          );
        });
      }
      onEpoch?.(epoch);
      throwIfCancelled(ctx);
      await breathe();
    }
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
