import { Command } from 'commander';
import { startQueueWorker } from '../core/queue/queueWorker';
import { parseQueueUrl } from '../core/queue/connection';
import { positiveNumber, positiveWholeNumber } from './parsers';

interface WorkerFlags {
  queue: string;
  concurrency: number;
  lockSeconds: number;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('train ForgetLens jobs from a BullMQ queue on Redis until stopped (Ctrl-C / SIGTERM finishes the current jobs first)')
    .requiredOption('--queue <url>', 'redis://[:password@]HOST:PORT or rediss://… (TLS)')
    .option('--concurrency <n>', 'jobs trained at once, each in its own thread (about one per core)', positiveWholeNumber, 1)
    .option('--lock-seconds <s>', 'how long a job stays with a worker that stopped answering before another takes it', positiveNumber, 30)
    .action(async (flags: WorkerFlags) => {
      await workerCommand(flags);
      // Stopped: exit even if a Redis client still holds a reconnect timer.
      process.exit(0);
    });
}

async function workerCommand(flags: WorkerFlags): Promise<void> {
  parseQueueUrl(flags.queue);
  const log = (line: string) => process.stderr.write(`forgetlens worker: ${line}\n`);
  const handle = await startQueueWorker(flags.queue, { concurrency: flags.concurrency, lockSeconds: flags.lockSeconds, log });
  await new Promise<void>((resolve) => {
    const stop = () => {
      log('stopping: finishing the current jobs (signal again to quit now)');
      process.once('SIGINT', () => process.exit(1));
      process.once('SIGTERM', () => process.exit(1));
      void handle.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
