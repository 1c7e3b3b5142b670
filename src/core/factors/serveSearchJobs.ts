import { parentPort } from 'node:worker_threads';
import { BackendName, initBackend } from '../model/backend';
import { serveJobs } from '../util/workerPool';

/** A run of blocks (rows, or lists of an inverted index) start..start+size−1. */
export interface SearchJob {
  start: number;
  size: number;
}

/** In a search worker: once the backend is up, make the searcher, then run each job posted on it. */
export function serveSearchJobs<S>(backend: BackendName, makeSearcher: () => S, run: (searcher: S, job: SearchJob) => void): void {
  if (!parentPort) return;
  let searcher: S | undefined;
  const ready = initBackend(backend).then(() => {
    searcher = makeSearcher();
  });
  serveJobs<SearchJob, SearchJob>(parentPort, ready, async (job) => {
    run(searcher!, job);
    return { reply: job };
  });
}
