import * as tf from '@tensorflow/tfjs-core';

/** What the wasm backend keeps of a tensor and its heap (private fields of tfjs-backend-wasm 4.x). */
interface WasmInternals {
  dataIdMap?: { get(dataId: object): { memoryOffset?: number } | undefined };
  wasm?: { HEAPU8?: Uint8Array };
}

/**
 * Build a float32 tensor in a tidy scope and hand its values to `use` without copying them out
 * when the backend is wasm (the view into the wasm heap is valid only during `use`, which must not
 * run tensor operations); other backends, or a wasm backend without the expected fields, read a
 * copy. A block of similarities is tens of MB, and copying it cost about as much as computing it.
 */
export function withFloatValues<T>(build: () => tf.Tensor, use: (values: Float32Array) => T): T {
  const tensor = tf.tidy(build);
  try {
    return use(heapView(tensor) ?? (tensor.dataSync() as Float32Array));
  } finally {
    tensor.dispose();
  }
}

function heapView(tensor: tf.Tensor): Float32Array | undefined {
  if (tensor.dtype !== 'float32' || tf.getBackend() !== 'wasm') return undefined;
  const backend = tf.backend() as unknown as WasmInternals;
  const offset = backend.dataIdMap?.get(tensor.dataId)?.memoryOffset;
  const heap = backend.wasm?.HEAPU8;
  if (offset === undefined || heap === undefined) return undefined;
  return new Float32Array(heap.buffer, heap.byteOffset + offset, tensor.size);
}
