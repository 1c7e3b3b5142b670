import * as vscode from 'vscode';
import type { WorkerRequest } from '../protocol/worker';
import { JobOutcome, WorkerJob } from './workerClient';

/**
 * Runs one worker job at a time with a cancellable progress notification, a status bar item and
 * the log; a failure shows a clear error with "Show Log" and leaves the editor as it was.
 */
export class JobRunner implements vscode.Disposable {
  private job: WorkerJob | undefined;
  private readonly status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 50);

  constructor(
    private readonly extensionRoot: string,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.status.command = 'forgetlens.openResults';
    this.idle('ForgetLens');
  }

  get running(): boolean {
    return this.job !== undefined;
  }

  idle(text: string, tooltip = 'Open ForgetLens results'): void {
    this.status.text = `$(shield) ${text}`;
    this.status.tooltip = tooltip;
    this.status.show();
  }

  async run(title: string, request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<JobOutcome> {
    if (this.job) {
      void vscode.window.showWarningMessage('A ForgetLens audit is already running: cancel it first (ForgetLens: Cancel Audit).');
      return { kind: 'cancelled' };
    }
    this.log.info(`${title}: starting worker`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let reported = 0;
      const job = new WorkerJob(
        this.extensionRoot,
        request,
        (e) => {
          const percent = Math.round(e.fraction * 100);
          progress.report({ message: `${e.phase}${e.message ? ` (${e.message})` : ''} ${percent}%`, increment: 0 });
          this.status.text = `$(sync~spin) ForgetLens: ${e.phase} ${percent}%`;
          reported++;
        },
        (line) => this.log.info(line),
      );
      this.job = job;
      const cancel = token.onCancellationRequested(() => this.cancel());
      const outcome = await job.done;
      cancel.dispose();
      this.job = undefined;
      this.log.info(`${title}: ${outcome.kind} after ${reported} progress events`);
      this.report(outcome);
      return outcome;
    });
  }

  cancel(): void {
    if (!this.job) return;
    this.log.info(`cancelling worker ${this.job.pid}`);
    this.job.cancel();
  }

  private report(outcome: JobOutcome): void {
    if (outcome.kind === 'cancelled') {
      this.idle('ForgetLens: cancelled');
      void vscode.window.showInformationMessage('ForgetLens: audit cancelled. Nothing was written.');
    } else if (outcome.kind === 'failed') {
      this.idle('ForgetLens: failed');
      this.log.error(outcome.message);
      void vscode.window.showErrorMessage(`ForgetLens: ${outcome.message.split('\n')[0]}`, 'Show Log').then((choice) => choice && this.log.show());
    }
  }

  dispose(): void {
    this.job?.cancel();
    this.status.dispose();
  }
}
