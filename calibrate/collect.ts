import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAudit } from '../src/core/audit/runAudit';
import { AuditReport, validateAuditReport } from '../src/core/report/auditSchema';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { CalibrationConfig } from './config';
import { DatasetName, loadTable, writeTable } from './datasets';
import { plantStructure } from './plant';
import { Request, makeRequests } from './requests';
import { Outcome, cacheFileOf, readCachedOutcome, simulate } from './simulate';
import { PendingSimulation, simulateOnQueue } from './simulateOnQueue';

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
  const auditFiles = new Map<string, string>();
  for (const name of config.datasets) {
    const planted = plantStructure(loadTable(name, config.maxRows, 0), config.plantShare, config.drawSeed);
    // Another draw plants other copies: its data, audits and simulations are cached apart.
    const draw = config.drawSeed === 0 ? '' : `-d${config.drawSeed}`;
    const file = writeTable(planted.table, path.join(config.outDir, `data${draw}`));
    // One audit per seed, reused by every request under that seed (the forget audit needs the seed's splits); features come from seed 0's.
    for (const seed of config.seeds) auditFiles.set(`${name}/${seed}`, await cachedAudit(file, `${name}${draw}`, seed, config));
    const audit = validateAuditReport(JSON.parse(fs.readFileSync(auditFiles.get(`${name}/${config.seeds[0]}`)!, 'utf8')));
    datasets.push({ name, file, audit, requests: makeRequests(audit, planted, name, config.requestsPerKind, config.requestSize, config.drawSeed) });
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
  const pending: Array<PendingSimulation & { at: number }> = [];
  let skipped = 0;
  for (const [k, job] of queue.entries()) {
    const settings = { algorithms: config.algorithms, retrainSeeds: config.retrainSeeds, epochs: config.epochs, workers: config.workers, auditFile: auditFiles.get(`${job.run.name}/${job.seed}`) };
    if (config.queue) {
      // On a queue every uncached simulation is dispatched at once: the time budget cannot cut them short.
      const cached = readCachedOutcome(config.outDir, job.request, job.seed);
      if (!cached) pending.push({ datasetFile: job.run.file, request: job.request, seed: job.seed, settings, at: outcomes.length });
      outcomes.push(cached!);
      continue;
    }
    const cached = fs.existsSync(cacheFileOf(config.outDir, job.request, job.seed));
    // CAL_PHASE=fit: fit on what an earlier process cached (its time budget made the cut), start nothing.
    if (!cached && (process.env.CAL_PHASE === 'fit' || (performance.now() - started) / 60_000 > config.maxMinutes)) {
      skipped++;
      continue;
    }
    const t0 = performance.now();
    outcomes.push(await simulate(job.run.file, job.request, job.seed, settings, config.outDir));
    if (!cached) log(`${k + 1}/${queue.length} ${job.request.key} seed ${job.seed}: ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
  if (config.queue && pending.length > 0) {
    log(`queue: ${pending.length} of ${queue.length} simulations to run (${queue.length - pending.length} cached)`);
    const done = await simulateOnQueue(pending, config.outDir, config.queue, log);
    for (const [j, p] of pending.entries()) outcomes[p.at] = done[j];
  }
  return { datasets, outcomes, skipped };
}

async function cachedAudit(file: string, name: string, seed: number, config: CalibrationConfig): Promise<string> {
  const cache = path.join(config.outDir, 'audits', `${name}-s${seed}.json`);
  if (!fs.existsSync(cache)) {
    const audit = (await runAudit(file, { label: 'label', id: 'id', seed, epochs: config.epochs })).report;
    fs.mkdirSync(path.dirname(cache), { recursive: true });
    writeFileAtomic(cache, JSON.stringify(audit));
  }
  return cache;
}
