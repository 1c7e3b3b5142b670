import { runAudit } from '../core/audit/runAudit';
import { CancelledError, InputError } from '../core/errors';
import { runForgetAudit } from '../core/forget/runForgetAudit';
import { writeForgetReport } from '../core/forget/writeForgetReport';
import { JobContext } from '../core/progress';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { WorkerEvent, WorkerRequest } from '../protocol/worker';

/**
 * The background worker: a child process forked by the extension for one job. It runs the same
 * core as the CLI, streams progress, honours cancel, and exits when the job is over.
 */
const controller = new AbortController();

function send(event: WorkerEvent): Promise<void> {
  return new Promise((resolve) => process.send!(event, () => resolve()));
}

async function run(request: Exclude<WorkerRequest, { type: 'cancel' }>): Promise<string[]> {
  const ctx: JobContext = { signal: controller.signal, onProgress: (event) => void send({ type: 'progress', event }) };
  if (request.type === 'audit') {
    const { report } = await runAudit(request.dataset, request.options, ctx);
    writeFileAtomic(request.outFile, JSON.stringify(report, null, 1) + '\n');
    return [request.outFile];
  }
  const report = await runForgetAudit(request.dataset, request.options, ctx);
  return writeForgetReport(report, request.outDir);
}

process.on('message', (request: WorkerRequest) => {
  if (request.type === 'cancel') {
    controller.abort();
    return;
  }
  run(request)
    .then((files) => send({ type: 'done', files }))
    .catch((err: unknown) => {
      if (err instanceof CancelledError) return send({ type: 'cancelled' });
      const message = err instanceof Error ? err.message : String(err);
      return send({ type: 'error', message: err instanceof InputError ? message : `${message}\n${(err as Error)?.stack ?? ''}`, badInput: err instanceof InputError });
    })
    .finally(() => process.exit(0));
});
