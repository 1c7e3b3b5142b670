import { parentPort, workerData } from 'node:worker_threads';
import { serveJobs } from '../util/workerPool';
import { CsvPartJob, CsvPartResult, CsvPartSetup, readCsvPart } from './csvPart';

// A worker thread of the parallel CSV reader (parallelCsv.ts): one part of the file per job.
if (parentPort) {
  const setup = workerData as CsvPartSetup;
  serveJobs<CsvPartJob, { result: CsvPartResult; rowStart: number }>(parentPort, Promise.resolve(), async (job) => ({ reply: { result: readCsvPart(setup, job), rowStart: job.rowStart } }));
}
