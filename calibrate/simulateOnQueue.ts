import { simulatedDeletionsOnQueue } from '../src/core/queue/deletionOnQueue';
import { FleetProgress } from '../src/core/queue/queueRun';
import { Request } from './requests';
import { Outcome, SimulationSettings, forgetOptions, storeOutcome, writeForgetFile } from './simulate';

export interface PendingSimulation {
  datasetFile: string;
  request: Request;
  seed: number;
  settings: SimulationSettings;
}

/**
 * Uncached simulations as `forgetlens.simulated-deletion` jobs, one queue run per data file (all
 * dispatched at once), each outcome cached as its run returns. Returned in the order given.
 */
export async function simulateOnQueue(pending: PendingSimulation[], outDir: string, url: string, log: (line: string) => void): Promise<Outcome[]> {
  const byFile = new Map<string, number[]>();
  for (const [k, p] of pending.entries()) byFile.set(p.datasetFile, [...(byFile.get(p.datasetFile) ?? []), k]);
  const outcomes = new Array<Outcome>(pending.length);
  await Promise.all(
    [...byFile].map(async ([datasetFile, indices]) => {
      const requests = indices.map((k) => {
        const { request, seed, settings } = pending[k];
        return { ids: request.ids, options: forgetOptions(seed, settings), requestFile: writeForgetFile(outDir, request) };
      });
      const reports = await simulatedDeletionsOnQueue(datasetFile, requests, { url, onProgress: progressLog(datasetFile, log) });
      for (const [j, report] of reports.entries()) {
        const { request, seed } = pending[indices[j]];
        // The forget audit's own wall time on the worker (queue wait excluded).
        const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
        outcomes[indices[j]] = storeOutcome(report, request, seed, seconds, outDir);
      }
    }),
  );
  return outcomes;
}

function progressLog(datasetFile: string, log: (line: string) => void): (progress: FleetProgress) => void {
  let last = -1;
  return ({ done, total, workers }) => {
    if (done === last) return;
    last = done;
    log(`queue ${datasetFile}: ${done}/${total} simulated deletions done, ${workers} worker(s) seen`);
  };
}
