import * as tf from '@tensorflow/tfjs-core';

/** The dataset's features and one-hot labels held once as tensors, for batched gathers. */
export interface DeviceData {
  X: tf.Tensor2D;
  yOneHot: tf.Tensor2D;
  /** The same features on the host, row-major, for assembling minibatches without a gather kernel. */
  hostX: Float32Array;
  numFeatures: number;
  y: Int32Array;
  numSamples: number;
  numClasses: number;
  dispose(): void;
}

export function toDeviceData(X: Float32Array, numFeatures: number, y: Int32Array, numClasses: number): DeviceData {
  const n = y.length;
  const Xt = tf.tensor2d(X, [n, numFeatures]);
  const yOneHot = tf.tidy(() => tf.cast(tf.oneHot(tf.tensor1d(y, 'int32'), numClasses), 'float32') as tf.Tensor2D);
  return {
    X: Xt,
    yOneHot,
    hostX: X,
    numFeatures,
    y,
    numSamples: n,
    numClasses,
    dispose() {
      Xt.dispose();
      yOneHot.dispose();
    },
  };
}

/**
 * The rows `batch` as a feature tensor and a one-hot label tensor, copied row by row on the host:
 * on the wasm backend the gather kernel costs more than a quarter of a training step on 784-wide
 * images, a host copy and upload a small fraction of that.
 */
export function minibatch(data: DeviceData, batch: Int32Array): { xb: tf.Tensor2D; yb: tf.Tensor2D } {
  const d = data.numFeatures;
  const x = new Float32Array(batch.length * d);
  const y = new Float32Array(batch.length * data.numClasses);
  for (let r = 0; r < batch.length; r++) {
    const i = batch[r];
    x.set(data.hostX.subarray(i * d, (i + 1) * d), r * d);
    y[r * data.numClasses + data.y[i]] = 1;
  }
  return { xb: tf.tensor2d(x, [batch.length, d]), yb: tf.tensor2d(y, [batch.length, data.numClasses]) };
}
