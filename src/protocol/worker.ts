import type { AuditOptions } from '../core/audit/options';
import type { ForgetAuditOptions } from '../core/forget/options';
import type { ProgressEvent } from '../core/progress';

/** Messages from the extension host to the worker process (one job per process). */
export type WorkerRequest =
  | { type: 'audit'; dataset: string; options: Partial<AuditOptions>; outFile: string }
  | { type: 'forget'; dataset: string; options: Partial<ForgetAuditOptions> & { forgetFile: string }; outDir: string }
  | { type: 'cancel' };

/** Messages from the worker process to the extension host. */
export type WorkerEvent =
  | { type: 'progress'; event: ProgressEvent }
  | { type: 'done'; files: string[] }
  | { type: 'error'; message: string; badInput: boolean }
  | { type: 'cancelled' };
