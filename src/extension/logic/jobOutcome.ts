import type { WorkerEvent } from '../../protocol/worker';

export type JobOutcome =
  | { kind: 'done'; files: string[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; badInput: boolean };

/** The outcome a worker's last event names, if it named one. */
export function outcomeOf(event: Exclude<WorkerEvent, { type: 'progress' }>): JobOutcome {
  if (event.type === 'done') return { kind: 'done', files: event.files };
  if (event.type === 'cancelled') return { kind: 'cancelled' };
  return { kind: 'failed', message: event.message, badInput: event.badInput };
}

/**
 * What a job ended with once its process has exited. A `done` that arrived before the user's
 * cancel wins: the result is written, so the job is done, not cancelled.
 */
export function finalOutcome(reported: JobOutcome | undefined, cancelRequested: boolean, exit: { code: number | null; signal: string | null }): JobOutcome {
  if (reported?.kind === 'done') return reported;
  if (cancelRequested) return { kind: 'cancelled' };
  if (reported) return reported;
  const { code, signal } = exit;
  return {
    kind: 'failed',
    badInput: false,
    message: `the ForgetLens worker stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}${code === 134 || signal === 'SIGABRT' ? ': probably out of memory' : ''})`,
  };
}
