import { isMainThread, workerData } from 'node:worker_threads';
import { BackendName } from '../model/backend';
import type { InvertedIndex } from './invertedIndex';
import { InvertedSearcher } from './invertedScan';
import { serveSearchJobs } from './serveSearchJobs';
import { SharedBanks, claimBank } from './topKBank';

/** Shared memory from the parent: the index and one bank per worker. */
export interface InvertedWorkerData extends SharedBanks {
  n: number;
  dim: number;
  k: number;
  index: InvertedIndex;
  allowed?: Uint8Array;
  backend: BackendName;
}

if (!isMainThread) {
  const setup = workerData as InvertedWorkerData;
  serveSearchJobs(
    setup.backend,
    () => new InvertedSearcher(setup.index, setup.dim, claimBank(setup.n, setup.k, setup), setup.allowed),
    (searcher, job) => searcher.run(job.start, job.start + job.size),
  );
}
