import { ChildProcess, fork } from 'node:child_process';
import * as path from 'node:path';
import type { ProgressEvent } from '../core/progress';
import type { WorkerRequest } from '../protocol/worker';
import { parseWorkerEvent } from '../protocol/workerSchema';
import { JobOutcome, finalOutcome, outcomeOf } from './logic/jobOutcome';

export type { JobOutcome };

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
      this.child.on('message', (message: unknown) => {
        const event = parseWorkerEvent(message);
        if ('invalid' in event) {
          log(event.invalid);
          outcome ??= { kind: 'failed', badInput: false, message: event.invalid };
        } else if (event.type === 'progress') onProgress(event.event);
        else outcome = outcomeOf(event);
      });
      this.child.on('exit', (code, signal) => resolve(finalOutcome(outcome, this.cancelled, { code, signal })));
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
