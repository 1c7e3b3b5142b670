import { createRequire } from 'node:module';
import { InputError } from '../errors';

/** The part of onnxruntime-node's API the audit uses. */
export interface OrtTensor {
  data: unknown;
  dims: readonly number[];
}
export interface OrtSession {
  inputNames: readonly string[];
  outputNames: readonly string[];
  run(feeds: Record<string, OrtTensor>, fetches?: string[]): Promise<Record<string, OrtTensor>>;
  release?(): Promise<void>;
}
export interface OrtModule {
  Tensor: new (type: 'float32', data: Float32Array, dims: number[]) => OrtTensor;
  InferenceSession: { create(model: Uint8Array, options?: Record<string, unknown>): Promise<OrtSession> };
}

export const ONNX_INSTALL_HINT =
  'install it next to forgetlens without its CUDA download: ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node ' +
  '(for the VS Code extension, install it in any folder and set FORGETLENS_ONNXRUNTIME to that folder\'s node_modules/onnxruntime-node)';

/**
 * onnxruntime-node is an optional dependency, loaded only when an .onnx model is audited.
 * FORGETLENS_ONNXRUNTIME, when set, is the copy to load instead (the VSIX ships none).
 */
export function loadOnnxRuntime(modelPath: string): OrtModule {
  const requireHere = createRequire(__filename);
  const where = process.env.FORGETLENS_ONNXRUNTIME || 'onnxruntime-node';
  try {
    return requireHere(where) as OrtModule;
  } catch (err) {
    const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new InputError(`auditing an .onnx model needs onnxruntime-node, which did not load from ${where} (${why}); ${ONNX_INSTALL_HINT}`, modelPath);
  }
}
