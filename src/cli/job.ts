import { JobContext } from '../core/progress';
import { createProgressPrinter } from './progressBar';

/** Run a core job with progress on stderr and Ctrl-C / SIGTERM turned into a clean cancel. */
export async function runJob<T>(showProgress: boolean, job: (ctx: JobContext) => Promise<T>): Promise<T> {
  const progress = createProgressPrinter();
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await job({ onProgress: showProgress ? (e) => progress.update(e) : undefined, signal: controller.signal });
  } finally {
    progress.done();
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
