import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAudit } from '../src/core/audit/runAudit';
import { AuditReport, validateAuditReport } from '../src/core/report/auditSchema';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { CalibrationConfig } from './config';
import { DatasetName, loadTable, writeTable } from './datasets';
import { plantStructure } from './plant';
import { Request, makeRequests } from './requests';
import { Outcome, simulate } from './simulate';

export interface DatasetRun {
  name: DatasetName;
  file: string;
  /** The per-sample audit before any request: where the features come from. */
  audit: AuditReport;
  requests: Request[];
}

export interface Collected {
  datasets: DatasetRun[];
  outcomes: Outcome[];
  /** Simulations left out because the time budget ran out. */
  skipped: number;
}

/** Audit every dataset once, then run the requests round-robin (so a cut-short run still covers every dataset), caching each. */
export async function collect(config: CalibrationConfig, log: (line: string) => void): Promise<Collected> {
  const started = performance.now();
  const datasets: DatasetRun[] = [];
  for (const name of config.datasets) {
    const planted = plantStructure(loadTable(name, config.maxRows, 0), config.plantShare, 0);
    const file = writeTable(planted.table, path.join(config.outDir, 'data'));
    const auditCache = path.join(config.outDir, 'audits', `${name}.json`);
    let audit: AuditReport;
    if (fs.existsSync(auditCache)) audit = validateAuditReport(JSON.parse(fs.readFileSync(auditCache, 'utf8')));
    else {
      audit = (await runAudit(file, { label: 'label', id: 'id', seed: 0, epochs: config.epochs })).report;
      fs.mkdirSync(path.dirname(auditCache), { recursive: true });
      writeFileAtomic(auditCache, JSON.stringify(audit));
    }
    datasets.push({ name, file, audit, requests: makeRequests(audit, planted, name, config.requestsPerKind, config.requestSize, 0) });
    log(`audited ${name}: ${audit.samples.length} rows`);
  }
  // A repeat seed of round r runs before round r + 1: the noise ceiling needs repeats even when the time budget cuts the run short.
  const queue: Array<{ run: DatasetRun; request: Request; seed: number; order: number }> = [];
  for (let round = 0; round < config.requestsPerKind; round++) {
    for (const [s, seed] of config.seeds.entries()) {
      if (s > 0 && round >= config.seedRounds) continue;
      for (const run of datasets) for (const request of run.requests.filter((r) => r.index === round)) queue.push({ run, request, seed, order: round + 0.5 * Math.min(s, 1) });
    }
  }
  queue.sort((a, b) => a.order - b.order);
  const outcomes: Outcome[] = [];
  let skipped = 0;
  for (const [k, job] of queue.entries()) {
    const cached = fs.existsSync(path.join(config.outDir, 'requests', `${job.request.key}-s${job.seed}.json`));
    if (!cached && (performance.now() - started) / 60_000 > config.maxMinutes) {
      skipped++;
      continue;
    }
    const t0 = performance.now();
    const settings = { algorithms: config.algorithms, retrainSeeds: config.retrainSeeds, epochs: config.epochs };
    outcomes.push(await simulate(job.run.file, job.request, job.seed, settings, config.outDir));
    if (!cached) log(`${k + 1}/${queue.length} ${job.request.key} seed ${job.seed}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  return { datasets, outcomes, skipped };
}
