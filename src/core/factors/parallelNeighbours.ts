import { BackendName } from '../model/backend';
import { JobContext } from '../progress';
import { WorkerScript, runJobsInWorkers, toShared, workerScript } from '../util/workerPool';
import type { NeighbourJob, NeighbourWorkerData } from './neighbourWorker';
import type { ExactRows } from './rerank';

/** The bundled search worker, or its source under tsx; undefined when neither is there (then search in-process). */
export function neighbourWorkerScript(): WorkerScript | undefined {
  return workerScript(__dirname, 'neighbourWorker');
}

/**
 * Fill the neighbour lists block by block on `workerCount` worker threads (the wasm backend is
 * single-threaded: this is how more than one core works on the search). Each block is computed
 * exactly as in the single-threaded search, so the lists are identical.
 */
export async function searchBlocksInWorkers(
  script: WorkerScript,
  unitRows: Float32Array,
  search: { n: number; dim: number; k: number; allowed?: Uint8Array; exact?: ExactRows; blockSize: number },
  lists: { indices: Int32Array; similarities: Float32Array },
  settings: { workers: number; backend: BackendName; onBlock?: (fraction: number) => void },
  ctx?: JobContext,
): Promise<void> {
  const { n, dim, k, blockSize } = search;
  const indices = toShared(lists.indices);
  const similarities = toShared(lists.similarities);
  const workerData: NeighbourWorkerData = {
    n,
    dim,
    k,
    allowed: search.allowed && toShared(search.allowed),
    exact: search.exact && { rows: toShared(search.exact.rows), dim: search.exact.dim },
    indices,
    similarities,
    unitRows: toShared(unitRows),
    backend: settings.backend,
  };
  const jobs: NeighbourJob[] = [];
  for (let start = 0; start < n; start += blockSize) jobs.push({ start, size: Math.min(blockSize, n - start) });
  let rowsDone = 0;
  await runJobsInWorkers<NeighbourJob, NeighbourJob>(
    script,
    workerData,
    jobs,
    settings.workers,
    'neighbour search',
    (job) => {
      rowsDone += job.size;
      settings.onBlock?.(rowsDone / n);
    },
    ctx,
  );
  lists.indices.set(indices);
  lists.similarities.set(similarities);
}
