import * as tf from '@tensorflow/tfjs-core';

/** The dataset's features and one-hot labels held once as tensors, for batched gathers. */
export interface DeviceData {
  X: tf.Tensor2D;
  yOneHot: tf.Tensor2D;
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
    y,
    numSamples: n,
    numClasses,
    dispose() {
      Xt.dispose();
      yOneHot.dispose();
    },
  };
}
