import { parentPort, workerData } from 'node:worker_threads';
import { serveJobs } from '../util/workerPool';
import { CsvPartJob, CsvPartSetup, readCsvPart } from './csvPart';
import { ParquetPartJob, ParquetPartSetup, readParquetPart } from './parquetPart';
import { PartResult } from './tableParts';

// A worker thread of the parallel table readers (parallelCsv.ts, parallelParquet.ts): one part of the file per job.
if (parentPort) {
  const setup = workerData as CsvPartSetup | ParquetPartSetup;
  serveJobs<CsvPartJob | ParquetPartJob, { result: PartResult; rowStart: number }>(parentPort, Promise.resolve(), async (job) => {
    const result = setup.format === 'csv' ? readCsvPart(setup, job as CsvPartJob) : await readParquetPart(setup, job as ParquetPartJob);
    return { reply: { result, rowStart: job.rowStart } };
  });
}
