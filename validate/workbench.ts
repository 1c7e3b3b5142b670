import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runAudit } from '../src/core/audit/runAudit';
import { runForgetAudit } from '../src/core/forget/runForgetAudit';
import { readForgetIds } from '../src/core/forget/forgetIds';
import { ForgetReport } from '../src/core/forget/schema';
import { simulatedDeletionsOnQueue } from '../src/core/queue/deletionOnQueue';
import { AuditReport } from '../src/core/report/auditSchema';
import { ValidationConfig } from './config';
import { appendNearCopies, mislabel } from './data/plant';
import { DatasetKey, loadSource } from './data/sources';
import { copyTable } from './data/table';
import { writeIdList, writeTable } from './data/writeTable';
import { copiesGroups } from './forgetSets';

/** One audit run: wall time, and CPU time of the whole process (all threads) while it ran. */
export interface RunRecord {
  what: string;
  seconds: number;
  cpuSeconds: number;
}

/** A dataset written to disk, with what was planted in it. */
export interface PreparedDataset {
  key: DatasetKey;
  variant: 'clean' | 'copies';
  path: string;
  rows: number;
  /** Claim 5 only: mislabelled samples whose near-copies stay in R, and mislabelled ones without copies. */
  withCopies: string[];
  withoutCopies: string[];
}

/**
 * Builds the datasets and runs the audits, each once: claims that need the same audit or forget
 * audit share it (the time budget depends on that). Logs each run with its duration on stderr.
 */
export class Workbench {
  readonly dir: string;
  private readonly datasets = new Map<string, PreparedDataset>();
  private readonly audits = new Map<string, Promise<AuditReport>>();
  private readonly forgetAudits = new Map<string, Promise<ForgetReport>>();
  readonly runLog: RunRecord[] = [];

  /** `queue`: a redis:// URL; each forget audit (a simulated deletion request) and each subsample model becomes a job there. */
  constructor(
    readonly config: ValidationConfig,
    private readonly queue?: string,
  ) {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-validate-'));
  }

  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }

  dataset(key: DatasetKey, variant: 'clean' | 'copies' = 'clean'): PreparedDataset {
    const name = `${key}-${variant}`;
    const cached = this.datasets.get(name);
    if (cached) return cached;
    const table = copyTable(loadSource(key, this.config.fashionRows), name);
    let groups = { withCopies: [] as number[], withoutCopies: [] as number[] };
    if (variant === 'copies') {
      groups = copiesGroups(table.ids.length, this.config.copiesGroup, this.config.seed);
      mislabel(table, [...groups.withCopies, ...groups.withoutCopies]);
      appendNearCopies(table, groups.withCopies, this.config.copiesPerSample);
    }
    const prepared: PreparedDataset = {
      key,
      variant,
      path: writeTable(table, this.dir),
      rows: table.ids.length,
      withCopies: groups.withCopies.map((i) => table.ids[i]),
      withoutCopies: groups.withoutCopies.map((i) => table.ids[i]),
    };
    this.datasets.set(name, prepared);
    return prepared;
  }

  /** The thorough (K subsample models) audit of a clean dataset. */
  thoroughAudit(key: DatasetKey): Promise<AuditReport> {
    return this.once(this.audits, key, `thorough audit of ${key} (K=${this.config.k})`, async () => {
      const { config } = this;
      // Seeds run at once with a queue; the audit's own model still trains here, and one TF.js engine trains one model at a time.
      return oneAtATime(async () => (await runAudit(this.dataset(key).path, { mode: 'thorough', k: config.k, seed: config.seed, epochs: config.epochs, queue: this.queue })).report);
    });
  }

  /** A forget audit of `ids` (named `setName`) on a prepared dataset; with RUM and its control when asked. */
  forgetAudit(dataset: PreparedDataset, setName: string, ids: string[], options: { rum?: boolean } = {}): Promise<ForgetReport> {
    const key = `${dataset.key}-${dataset.variant}-${setName}`;
    return this.once(this.forgetAudits, key, `forget audit ${key} (${ids.length} samples${options.rum ? ', RUM' : ''})`, () => {
      const { config } = this;
      const forgetFile = writeIdList(this.dir, key, ids);
      const settings = { algorithms: config.algorithms, retrainSeeds: config.retrainSeeds, rum: options.rum ?? false, seed: config.seed, epochs: config.epochs };
      if (!this.queue) return runForgetAudit(dataset.path, { ...settings, forgetFile });
      const request = { ids: readForgetIds(forgetFile), options: settings, requestFile: forgetFile };
      const onProgress = () => undefined;
      return simulatedDeletionsOnQueue(dataset.path, [request], { url: this.queue, onProgress }).then(([report]) => report);
    });
  }

  private once<T>(cache: Map<string, Promise<T>>, key: string, what: string, run: () => Promise<T>): Promise<T> {
    const cached = cache.get(key);
    if (cached) return cached;
    const started = performance.now();
    const cpuStarted = cpuSeconds();
    process.stderr.write(`validate: ${what}…\n`);
    const promise = run().then((result) => {
      const record = { what, seconds: (performance.now() - started) / 1000, cpuSeconds: cpuSeconds() - cpuStarted };
      this.runLog.push(record);
      process.stderr.write(`validate: ${what}: ${record.seconds.toFixed(1)} s (CPU ${record.cpuSeconds.toFixed(1)} s)\n`);
      return result;
    });
    cache.set(key, promise);
    return promise;
  }
}

let localTraining: Promise<unknown> = Promise.resolve();

/** Run `work` after every earlier call has settled: the work that trains on this process's TF.js engine. */
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const next = localTraining.then(work, work);
  localTraining = next.catch(() => undefined);
  return next;
}

/** User + system CPU time of this process, worker threads included. */
export function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
