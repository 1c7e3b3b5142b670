import * as tf from '@tensorflow/tfjs-core';

/**
 * Run `build` in a tidy scope and read the resulting tensor's values. Never return a typed array
 * from tf.tidy itself: tidy walks its result looking for tensors, element by element, which
 * takes seconds for a few million values.
 */
export function readTidy(build: () => tf.Tensor): Float32Array | Int32Array | Uint8Array {
  const tensor = tf.tidy(build);
  try {
    return tensor.dataSync() as Float32Array | Int32Array | Uint8Array;
  } finally {
    tensor.dispose();
  }
}
