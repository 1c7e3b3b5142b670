import type { WorkerRequest } from '../../protocol/worker';
import type { Settings } from './settings';

/** The worker request of "Audit Dataset…": the user's settings, as the CLI's flags would give them. */
export function auditRequest(settings: Settings, dataset: string, outFile: string, label?: string): Extract<WorkerRequest, { type: 'audit' }> {
  const s = settings;
  return {
    type: 'audit',
    dataset,
    outFile,
    options: { mode: s.mode, k: s.k, seed: s.seed, backend: s.backend, similarity: { input: s.similarityThreshold, embedding: 0.9 }, ...(label ? { label } : {}) },
  };
}
