import { Worker } from 'node:worker_threads';
import { workerScript } from '../util/workerPool';
import type { WorkerReply } from '../util/workerPool';
import type { SubsetDone, SubsetJob, SubsetWorkerData } from '../model/subsetWorker';

/**
 * One training thread that stays up between jobs on the same dataset and settings, so a queue
 * worker pays the backend start and the tensor upload once, not per job. Training runs off the
 * main thread so that BullMQ can keep renewing the job's lock while the model trains.
 */
export class ThreadTrainer {
  private readonly worker: Worker;
  private pending?: { resolve: (done: SubsetDone) => void; reject: (err: Error) => void };
  private dead?: Error;

  constructor(
    readonly key: string,
    setup: SubsetWorkerData,
  ) {
    const script = workerScript(`${__dirname}/../model`, 'subsetWorker') ?? workerScript(__dirname, 'subsetWorker');
    if (!script) throw new Error(`the training worker subsetWorker.js is missing next to ${__dirname}`);
    this.worker = new Worker(script.code, { workerData: setup, eval: script.eval });
    this.worker.on('message', (reply: WorkerReply<SubsetDone>) => {
      const pending = this.pending;
      this.pending = undefined;
      if (reply.type === 'error') pending?.reject(new Error(`training failed: ${reply.message}`));
      else pending?.resolve(reply);
    });
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the training thread exited with code ${code}`)));
  }

  get alive(): boolean {
    return !this.dead;
  }

  train(job: SubsetJob): Promise<SubsetDone> {
    if (this.dead) return Promise.reject(this.dead);
    if (this.pending) return Promise.reject(new Error('the training thread is busy'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(job);
    });
  }

  /** Stop the thread now, failing the job it is on. */
  async terminate(reason = 'stopped'): Promise<void> {
    this.fail(new Error(reason));
    await this.worker.terminate();
  }

  private fail(err: Error): void {
    this.dead ??= err;
    const pending = this.pending;
    this.pending = undefined;
    pending?.reject(err);
  }
}
