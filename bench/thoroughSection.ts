import * as path from 'node:path';
import { rankAgreement } from './agreement';
import { BenchData } from './benchData';
import { subsampleOnce } from './childRuns';
import { fixed, table } from './format';
import type { BenchSettings } from './run';
import { torchReference } from './torchReference';

/** Both cores: ForgetLens's worker threads and PyTorch's worker processes (one thread each). */
const WORKERS = 2;

/**
 * Thorough mode's estimator (K models on random 70% subsets) in ForgetLens and in PyTorch on the
 * same rows: wall time, time per model, how busy both cores were, and whether the two agree.
 */
export function thoroughSection(datasets: BenchData[], settings: BenchSettings): string {
  const k = settings.thoroughK;
  const rows: string[][] = [];
  for (const d of datasets) {
    const ours = subsampleOnce(d.source, d.limit, k, WORKERS, path.join(settings.scratch, `thorough-${d.dataset.y.length}.f32`));
    rows.push([d.label, 'ForgetLens (wasm, worker threads)', String(k), ours.seconds.toFixed(1), (ours.seconds / k).toFixed(2), ours.secondsPerModel.toFixed(2), (ours.cpuSeconds / k).toFixed(2), (ours.cpuSeconds / ours.seconds).toFixed(2), '–']);
    if (!settings.torchMissing) {
      const torchRun = torchReference(d);
      try {
        const ref = torchRun.subsample(k, WORKERS);
        const agree = rankAgreement(ours.hard, ref.hard);
        rows.push([d.label, `PyTorch ${ref.workers} processes × 1 thread`, String(k), ref.seconds.toFixed(1), (ref.seconds / k).toFixed(2), ref.secondsPerModel.toFixed(2), (ref.cpuSeconds / k).toFixed(2), (ref.cpuSeconds / ref.seconds).toFixed(2), fixed(agree.rho, 3)]);
      } finally {
        torchRun.dispose();
      }
    } else {
      rows.push([d.label, `PyTorch: skipped (${settings.torchMissing})`, String(k), '–', '–', '–', '–', '–', '–']);
    }
    console.log(rows.slice(-2).map((r) => r.join('  ')).join('\n'));
  }
  return (
    '## Thorough mode: the K-model subsample estimator\n\n' +
    `K models on stratified random 70% subsets of the training rows, each trained from scratch with the default plan, on ${WORKERS} workers. ` +
    '"s per model" is wall time per model for one worker (training only); "wall / K" is the effective time per model with both cores; ' +
    '"CPU s per model" is CPU time over K (robust to load from other processes); CPU/wall is CPU time over wall time (2.0 = both cores fully used; ForgetLens counts all threads of its process, PyTorch the CPU time of its tasks). ' +
    'ForgetLens runs from source here (its worker threads load through tsx, ~2 s of start-up included in "wall s"). The last column is the Spearman correlation between the two implementations\' per-sample estimates (same estimator, independent subsets and seeds).\n\n' +
    table(['data', 'implementation', 'K', 'wall s', 'wall / K s', 's per model', 'CPU s per model', 'CPU/wall', 'Spearman vs ForgetLens'], rows)
  );
}
