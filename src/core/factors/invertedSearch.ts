import { JobContext, breathe, throwIfCancelled } from '../progress';
import { WorkerScript, runJobsInWorkers, toShared, workerScript } from '../util/workerPool';
import { InvertedIndex, buildInvertedIndex } from './invertedIndex';
import { InvertedSearcher } from './invertedScan';
import { BackendName, activeBackend } from '../model/backend';
import type { InvertedWorkerData } from './invertedWorker';
import type { SearchJob } from './serveSearchJobs';
import { listsFromBanks } from './neighbourBlocks';
import { NeighbourLists, NeighbourSearchOptions } from './neighbours';
import { defaultWorkerCount } from '../model/parallelSubsetModels';
import { TopKBank, sharedBanks } from './topKBank';

/** Lists per index and lists probed per query, as functions of the allowed rows (see docs/science.md). */
export interface InvertedSettings {
  lists: (rows: number) => number;
  probes: number;
}

/** Jobs (runs of lists) per search: enough for the workers to even out. */
const JOBS = 64;
/** Below this many rows a scan takes about as long as starting the workers. */
const PARALLEL_MIN_ROWS = 5000;

/**
 * Approximate top-k neighbours by dot product of `rows`: each row compared only with the members of
 * its `probes` nearest k-means lists (see buildInvertedIndex, InvertedSearcher), on worker threads
 * when the search is large. The lists equal the single-threaded search's whatever the thread
 * count; with options.exact they are re-ranked on the full rows as topKNeighbours' are.
 */
export async function invertedTopK(
  rows: Float32Array,
  n: number,
  dim: number,
  k: number,
  settings: InvertedSettings,
  options: NeighbourSearchOptions = {},
  ctx?: JobContext,
): Promise<NeighbourLists & { index: Pick<InvertedIndex, 'lists' | 'probes'> }> {
  const allowedRows = options.allowed ? options.allowed.reduce((s, a) => s + (a ? 1 : 0), 0) : n;
  const index = buildInvertedIndex(rows, n, dim, settings.lists(allowedRows), settings.probes, options.allowed);
  const indices = new Int32Array(n * k).fill(-1);
  const similarities = new Float32Array(n * k).fill(NaN);
  const jobs: SearchJob[] = [];
  const step = Math.ceil(index.lists / JOBS);
  for (let start = 0; start < index.lists; start += step) jobs.push({ start, size: Math.min(step, index.lists - start) });
  const backend = activeBackend()?.name;
  // As topKNeighbours: the native backend is multi-threaded itself.
  const parallel = backend !== undefined && backend !== 'tensorflow';
  const workers = parallel ? Math.min(jobs.length, options.workers ?? (n >= PARALLEL_MIN_ROWS ? defaultWorkerCount() : 1)) : 1;
  const script = workers > 1 ? workerScript(__dirname, 'invertedWorker') : undefined;
  const search = { n, dim, k, allowed: options.allowed, exact: options.exact };
  const banks = script
    ? await scanInWorkers(script, index, search, jobs, { workers, backend: backend as BackendName }, options.onBlock, ctx)
    : [await scanInProcess(index, search, jobs, options.onBlock, ctx)];
  listsFromBanks(banks, search, indices, similarities);
  return { k, indices, similarities, index: { lists: index.lists, probes: index.probes } };
}

type Search = { n: number; dim: number; k: number; allowed?: Uint8Array };

async function scanInProcess(index: InvertedIndex, search: Search, jobs: SearchJob[], onBlock: ((f: number) => void) | undefined, ctx?: JobContext): Promise<TopKBank> {
  const bank = new TopKBank(search.n, search.k);
  const searcher = new InvertedSearcher(index, search.dim, bank, search.allowed);
  try {
    for (const [done, job] of jobs.entries()) {
      searcher.run(job.start, job.start + job.size);
      onBlock?.((done + 1) / jobs.length);
      throwIfCancelled(ctx);
      await breathe();
    }
  } finally {
    searcher.dispose();
  }
  return bank;
}

async function scanInWorkers(
  script: WorkerScript,
  index: InvertedIndex,
  search: Search,
  jobs: SearchJob[],
  { workers, backend }: { workers: number; backend: BackendName },
  onBlock: ((f: number) => void) | undefined,
  ctx?: JobContext,
): Promise<TopKBank[]> {
  const banks = sharedBanks(workers, search.n, search.k);
  const shared: InvertedIndex = {
    ...index,
    members: toShared(index.members),
    memberRows: toShared(index.memberRows),
    offsets: toShared(index.offsets),
    queries: toShared(index.queries),
    queryOffsets: toShared(index.queryOffsets),
    queryRows: toShared(index.queryRows),
    probeLists: toShared(index.probeLists),
    probed: toShared(index.probed),
  };
  const workerData: InvertedWorkerData = {
    n: search.n,
    dim: search.dim,
    k: search.k,
    index: shared,
    allowed: search.allowed && toShared(search.allowed),
    ...banks,
    backend,
  };
  await runJobsInWorkers<SearchJob, SearchJob>(script, workerData, jobs, workers, 'neighbour search', (_, finished) => onBlock?.(finished / jobs.length), ctx);
  return banks.banks.map((arrays) => new TopKBank(search.n, search.k, arrays));
}
