import { CancelledError } from './errors';

/** Phases of a job, in the order they run; the UI shows them by name. */
export type Phase =
  | 'reading'
  | 'training'
  | 'cross-fit'
  | 'subsample-models'
  | 'embeddings'
  | 'similarity'
  | 'factors'
  | 'writing'
  | 'unlearning';

export interface ProgressEvent {
  phase: Phase;
  /** 0..1 within the phase. */
  fraction: number;
  message?: string;
}

/** What a long-running core function gets: where to report progress and how it is cancelled. */
export interface JobContext {
  onProgress?: (event: ProgressEvent) => void;
  signal?: AbortSignal;
}

export function throwIfCancelled(ctx: JobContext | undefined): void {
  if (ctx?.signal?.aborted) throw new CancelledError();
}

export function report(ctx: JobContext | undefined, phase: Phase, fraction: number, message?: string): void {
  ctx?.onProgress?.({ phase, fraction: Math.max(0, Math.min(1, fraction)), message });
}

/** Yield to the event loop so that cancel messages and progress output get through. */
export function breathe(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
