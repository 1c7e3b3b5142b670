import * as path from 'node:path';

/** The model picker's file filters: an ONNX export (PyTorch, scikit-learn, …) or a TF.js Layers model.json. */
export const MODEL_FILTERS: Record<string, string[]> = { 'ONNX model': ['onnx'], 'TF.js Layers model (model.json)': ['json'] };

/** Precomputed out-of-sample outputs (cleanlab's pred_probs convention, docs/user-model.md). */
export const OUTPUT_FILTERS: Record<string, string[]> = { 'NumPy array or CSV': ['npy', 'csv'] };

export type ModelFileKind = 'onnx' | 'tfjs';

/** What the picked file is, or why it cannot be a model (shown to the user as is). */
export function modelFileKind(file: string): { kind: ModelFileKind } | { problem: string } {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.onnx') return { kind: 'onnx' };
  if (ext === '.json') return { kind: 'tfjs' };
  return { problem: `${path.basename(file)} is not a model ForgetLens can run: choose an .onnx file or a TF.js Layers model.json` };
}

/** The user's model and precomputed outputs an audit runs with; all optional. */
export interface UserModelChoice {
  modelPath?: string;
  predProbsPath?: string;
  embeddingsPath?: string;
}

/**
 * The part of the result's cache key that the user's files make: their content hashes, so a
 * re-exported model at the same path is audited again, and no model gives no key.
 */
export async function userModelKey(choice: UserModelChoice, hash: (file: string) => Promise<string>): Promise<string | undefined> {
  const parts: string[] = [];
  for (const [name, file] of [['model', choice.modelPath], ['predProbs', choice.predProbsPath], ['embeddings', choice.embeddingsPath]] as const) {
    if (file) parts.push(`${name}=${await hash(file)}`);
  }
  return parts.length ? parts.join(';') : undefined;
}
