// "Cancel stops the audit's worker within 2 s": the extension's own worker client (the built
// dist/worker.js, forked as the extension forks it) is cancelled in each long phase of a real
// audit, and the time from cancel() to the worker process's exit is measured.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Phase } from '../src/core/progress';
import { WorkerJob } from '../src/extension/workerClient';
import { ROOT } from './benchData';
import { table } from './format';

/** The product promise this section checks. */
const PROMISE_MS = 2000;
/** A phase the audit never reaches (or a worker that never exits) must not hang the bench. */
const STALL_MS = 600_000;

export interface CancelRun {
  phase: Phase;
  /** From cancel() to the worker's exit. */
  stopMs: number;
  /** The worker process is gone (kill(pid, 0) fails) once the job resolved. */
  gone: boolean;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Start an audit of `dataset` in a worker, cancel it once it reports progress in `phase`. */
export async function cancelOnce(dataset: string, limit: number | undefined, phase: Phase, outFile: string): Promise<CancelRun> {
  let reached: () => void = () => undefined;
  const inPhase = new Promise<'reached'>((resolve) => (reached = () => resolve('reached')));
  const job = new WorkerJob(ROOT, { type: 'audit', dataset, options: limit ? { limit } : {}, outFile }, (e) => e.phase === phase && e.fraction > 0 && reached(), () => undefined);
  const stall = setTimeout(() => job.cancel(), STALL_MS);
  const first = await Promise.race([inPhase, job.done.then((o) => o.kind)]);
  clearTimeout(stall);
  if (first !== 'reached') throw new Error(`the audit of ${dataset} ended (${first}) before it reported progress in "${phase}"`);
  const cancelledAt = performance.now();
  job.cancel();
  const end = await job.done;
  const stopMs = performance.now() - cancelledAt;
  if (end.kind !== 'cancelled') throw new Error(`cancelling in "${phase}" ended the job as ${end.kind}`);
  return { phase, stopMs, gone: !alive(job.pid!) };
}

export interface CancelSettings {
  dataset: string;
  label: string;
  limit?: number;
  phases: Phase[];
  repeats: number;
  scratch: string;
}

export async function cancelRuns(s: CancelSettings): Promise<CancelRun[]> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'worker.js'))) throw new Error('dist/worker.js missing: run npm run build');
  const runs: CancelRun[] = [];
  for (const phase of s.phases) {
    for (let i = 0; i < s.repeats; i++) {
      const run = await cancelOnce(s.dataset, s.limit, phase, path.join(s.scratch, `cancel-${phase}-${i}.json`));
      console.log(`  cancel in ${phase}: worker gone after ${run.stopMs.toFixed(0)} ms`);
      runs.push(run);
    }
  }
  return runs;
}

export const CANCEL_HEADING = '## Cancel: time until the audit worker is gone';

export function cancelSection(s: CancelSettings, runs: CancelRun[]): string {
  const rows = s.phases.map((phase) => {
    const ms = runs.filter((r) => r.phase === phase).map((r) => r.stopMs).sort((a, b) => a - b);
    const median = ms[Math.floor(ms.length / 2)];
    const max = ms[ms.length - 1];
    const gone = runs.filter((r) => r.phase === phase).every((r) => r.gone);
    return [s.label, phase, String(ms.length), median.toFixed(0), max.toFixed(0), gone ? 'yes' : 'no', max <= PROMISE_MS ? 'met' : 'missed'];
  });
  return (
    `${CANCEL_HEADING}\n\n` +
    `The extension's worker client (src/extension/workerClient.ts) forks the built dist/worker.js as the extension does, starts an audit, and cancels it as soon as the worker reports progress in the phase named; ` +
    `the time is from cancel() to the worker process's exit. The worker is asked to stop and is killed after 1.5 s if it has not, so the promise is "gone within 2 s". ` +
    `Run this section alone with \`BENCH_ONLY=cancel npm run bench\` (it replaces only this section of this file).\n\n` +
    table(['data', 'cancelled in', 'runs', 'median ms', 'max ms', 'process gone', `≤ ${PROMISE_MS} ms`], rows)
  );
}
