import type { WorkerRequest } from '../../protocol/worker';
import { DEFAULT_SIMILARITY } from '../../core/factors/similarityDefaults';
import type { Settings } from './settings';

/** The worker request of "Audit Dataset…": the user's settings, as the CLI's flags would give them. */
export function auditRequest(settings: Settings, dataset: string, outFile: string, label?: string): Extract<WorkerRequest, { type: 'audit' }> {
  const s = settings;
  return {
    type: 'audit',
    dataset,
    outFile,
    options: { mode: s.mode, k: s.k, seed: s.seed, backend: s.backend, similarity: { ...DEFAULT_SIMILARITY, input: s.similarityThreshold }, ...(label ? { label } : {}), ...(s.queue ? { queue: s.queue } : {}) },
  };
}
