import { isMainThread, workerData } from 'node:worker_threads';
import { BackendName } from '../model/backend';
import { BlockSearch, BlockSearcher } from './neighbourBlocks';
import { SearchJob, serveSearchJobs } from './serveSearchJobs';
import { SharedBanks, claimBank } from './topKBank';

/** Shared memory from the parent: the rows, and one bank per worker. */
export interface NeighbourWorkerData extends BlockSearch, SharedBanks {
  unitRows: Float32Array;
  backend: BackendName;
}

/** Rows start..start+size−1 of the search. */
export type NeighbourJob = SearchJob;

if (!isMainThread) {
  const setup = workerData as NeighbourWorkerData;
  serveSearchJobs(
    setup.backend,
    () => new BlockSearcher(setup.unitRows, setup, claimBank(setup.n, setup.k, setup)),
    (searcher, job) => searcher.run(job.start, job.size),
  );
}
