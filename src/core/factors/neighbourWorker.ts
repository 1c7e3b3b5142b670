import { parentPort, workerData } from 'node:worker_threads';
import { BackendName, initBackend } from '../model/backend';
import { serveJobs } from '../util/workerPool';
import { BlockSearch, BlockSearcher } from './neighbourBlocks';
import { TopKBank, TopKBankArrays } from './topKBank';

/** Shared memory from the parent: the rows, and one bank per worker, claimed in turn through `claimed`. */
export interface NeighbourWorkerData extends BlockSearch {
  unitRows: Float32Array;
  banks: TopKBankArrays[];
  /** [0]: banks claimed so far. */
  claimed: Int32Array;
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
    const bank = new TopKBank(setup.n, setup.k, setup.banks[Atomics.add(setup.claimed, 0, 1)]);
    searcher = new BlockSearcher(setup.unitRows, setup, bank);
  });
  serveJobs<NeighbourJob, NeighbourJob>(parentPort, ready, async (job) => {
    searcher!.run(job.start, job.size);
    return { reply: job };
  });
}
