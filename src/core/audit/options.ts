import { Delimiter } from '../data/delimitedTokenizer';
import { BackendPreference } from '../model/backend';
import { DEFAULT_SIMILARITY, SimilarityThresholds } from '../factors/similarity';

export type AuditMode = 'fast' | 'thorough';

export interface AuditOptions {
  label?: string;
  id?: string;
  mode: AuditMode;
  /** Models for the thorough subsample estimator. */
  k: number;
  seed: number;
  /** Share of the data held out (stratified) for test metrics when no test file is given; 0 = none. */
  testFraction: number;
  /** A separate test file in the same format and columns; replaces the held-out split. */
  testFile?: string;
  /** A TF.js Layers model.json or an ONNX model to audit instead of training the default MLP. */
  modelPath?: string;
  /** ONNX: the graph value whose activations are the embeddings (default: the input of the last Gemm/MatMul). */
  embeddingOutput?: string;
  /** .npy/.csv of out-of-sample class probabilities (cleanlab's pred_probs) replacing the model's. */
  predProbsPath?: string;
  /** .npy/.csv of per-sample embeddings replacing the model's. */
  embeddingsPath?: string;
  similarity: SimilarityThresholds;
  /** Neighbours examined for entanglement and label disagreement. */
  neighbours: number;
  backend: BackendPreference;
  limit?: number;
  imageSize?: number;
  /** CSV/TSV: this delimiter instead of a sniffed one. */
  delimiter?: Delimiter;
  /** Bin a continuous numeric label into this many quantile classes. */
  bins?: number;
  /** Override the sized-from-data training schedule (mostly for tests and benchmarks). */
  epochs?: number;
  /** Parallel training processes for the K thorough models (default: CPU count, at most 4). */
  workers?: number;
  /** redis:// or rediss:// URL: train the K models as jobs on a BullMQ queue there instead of locally. */
  queue?: string;
}

export const DEFAULT_AUDIT_OPTIONS: AuditOptions = {
  mode: 'fast',
  k: 32,
  seed: 0,
  testFraction: 0.1,
  similarity: DEFAULT_SIMILARITY,
  neighbours: 10,
  backend: 'auto',
};

/** Held-out split never larger than this many samples: more adds cost, not precision. */
export const MAX_HELD_OUT = 5000;
/** Candidate neighbours examined per sample when looking for near-duplicates. */
export const SIMILARITY_CANDIDATES = 50;
/** Input spaces wider than this (and images) take near-duplicate candidates from the model-space search. */
export const PROJECTION_DIM = 128;
/** Memorization at or above which a sample counts as memorized in the summary. */
export const MEMORIZED_THRESHOLD = 0.5;
/** Difficulty at or above which a sample counts as hard in the summary. */
export const HARD_THRESHOLD = 0.5;
