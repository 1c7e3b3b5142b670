import { parentPort, workerData } from 'node:worker_threads';
import { BackendName, initBackend } from '../model/backend';
import { serveJobs } from '../util/workerPool';
import { BlockSearch, BlockSearcher } from './neighbourBlocks';

/** Shared memory from the parent: the rows, and the lists every worker fills at its own rows. */
export interface NeighbourWorkerData extends BlockSearch {
  unitRows: Float32Array;
  backend: BackendName;
}

export interface NeighbourJob {
  start: number;
  size: number;
}

if (parentPort) {
  const setup = workerData as NeighbourWorkerData;
  let searcher: BlockSearcher | undefined;
  const ready = initBackend(setup.backend).then(() => {
    searcher = new BlockSearcher(setup.unitRows, setup);
  });
  serveJobs<NeighbourJob, NeighbourJob>(parentPort, ready, async (job) => {
    searcher!.run(job.start, job.size);
    return { reply: job };
  });
}
