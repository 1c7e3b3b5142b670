import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import type { ProgressEvent } from '../core/progress';
import type { WorkerEvent, WorkerRequest } from '../protocol/worker';

export type JobOutcome =
  | { kind: 'done'; files: string[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string; badInput: boolean };

/** How long a cancelled worker gets to stop by itself before it is killed. */
const CANCEL_GRACE_MS = 1500;

/**
 * One background job in a child process (VS Code's own Node), so the editor never computes and a
 * crash or out-of-memory only ends the job. `cancel()` asks, then kills within two seconds.
 */
export class WorkerJob {
  private readonly child: ChildProcess;
  readonly done: Promise<JobOutcome>;
  private cancelled = false;

  constructor(extensionRoot: string, request: Exclude<WorkerRequest, { type: 'cancel' }>, onProgress: (e: ProgressEvent) => void, log: (line: string) => void) {
    this.child = fork(path.join(extensionRoot, 'dist', 'worker.js'), [], { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], execArgv: [] });
    this.child.stdout?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
    this.child.stderr?.on('data', (d: Buffer) => log(d.toString().trimEnd()));
    this.done = new Promise<JobOutcome>((resolve) => {
      let outcome: JobOutcome | undefined;
      this.child.on('message', (event: WorkerEvent) => {
        if (event.type === 'progress') onProgress(event.event);
        else if (event.type === 'done') outcome = { kind: 'done', files: event.files };
        else if (event.type === 'cancelled') outcome = { kind: 'cancelled' };
        else outcome = { kind: 'failed', message: event.message, badInput: event.badInput };
      });
      this.child.on('exit', (code, signal) => {
        if (this.cancelled) return resolve({ kind: 'cancelled' });
        resolve(
          outcome ?? {
            kind: 'failed',
            badInput: false,
            message: `the ForgetLens worker stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}${code === 134 || signal === 'SIGABRT' ? ': probably out of memory' : ''})`,
          },
        );
      });
      this.child.on('error', (err) => resolve({ kind: 'failed', badInput: false, message: `could not start the ForgetLens worker: ${err.message}` }));
    });
    this.child.send(request);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  cancel(): void {
    if (this.cancelled || this.child.exitCode !== null) return;
    this.cancelled = true;
    this.child.send({ type: 'cancel' } satisfies WorkerRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), CANCEL_GRACE_MS);
    this.child.once('exit', () => clearTimeout(timer));
  }
}
