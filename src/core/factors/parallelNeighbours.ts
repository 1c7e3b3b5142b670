import { BackendName } from '../model/backend';
import { JobContext } from '../progress';
import { WorkerScript, runJobsInWorkers, toShared, workerScript } from '../util/workerPool';
import { BlockSearch, listsFromBanks } from './neighbourBlocks';
import type { NeighbourJob, NeighbourWorkerData } from './neighbourWorker';
import { TopKBank, sharedBanks } from './topKBank';

/** The bundled search worker, or its source under tsx; undefined when neither is there (then search in-process). */
export function neighbourWorkerScript(): WorkerScript | undefined {
  return workerScript(__dirname, 'neighbourWorker');
}

/**
 * Fill the neighbour lists block by block on `workerCount` worker threads (the wasm backend is
 * single-threaded: this is how more than one core works on the search). Each worker offers its
 * blocks' pairs to a bank of its own; the banks are merged in a fixed order, and a bank's lists
 * do not depend on the order of the offers, so the lists equal the single-threaded search's.
 */
export async function searchBlocksInWorkers(
  script: WorkerScript,
  unitRows: Float32Array,
  search: BlockSearch & { blockSize: number },
  lists: { indices: Int32Array; similarities: Float32Array },
  settings: { workers: number; backend: BackendName; onBlock?: (fraction: number) => void },
  ctx?: JobContext,
): Promise<void> {
  const { n, dim, k, blockSize } = search;
  const shared = sharedBanks(settings.workers, n, k);
  const workerData: NeighbourWorkerData = { n, dim, k, allowed: search.allowed && toShared(search.allowed), unitRows: toShared(unitRows), ...shared, backend: settings.backend };
  const jobs: NeighbourJob[] = [];
  for (let start = 0; start < n; start += blockSize) jobs.push({ start, size: Math.min(blockSize, n - start) });
  let pairsDone = 0;
  const pairs = (job: NeighbourJob) => job.size * (n - job.start);
  const total = jobs.reduce((sum, job) => sum + pairs(job), 0);
  await runJobsInWorkers<NeighbourJob, NeighbourJob>(
    script,
    workerData,
    jobs,
    settings.workers,
    'neighbour search',
    (job) => {
      pairsDone += pairs(job);
      settings.onBlock?.(pairsDone / total);
    },
    ctx,
  );
  listsFromBanks(shared.banks.map((arrays) => new TopKBank(n, k, arrays)), search, lists.indices, lists.similarities);
}
