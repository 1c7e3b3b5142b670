import * as path from 'node:path';
import type { AuditReport } from '../../core/report/auditSchema';
import type { WorkerRequest } from '../../protocol/worker';
import type { Settings } from './settings';

const TABLE_FORMATS = ['csv', 'tsv', 'jsonl', 'parquet'];

/**
 * The worker request of "Audit Forget Set…": it reuses the dataset's audit when that audit is
 * current (file unchanged) and was run with the seed in the settings; otherwise the forget audit
 * runs its own with the user's settings, and its report says which happened.
 */
export function forgetRequest(
  settings: Settings,
  audited: { datasetPath: string; dir: string; report: AuditReport; stale: boolean },
  forgetFile: string,
): Extract<WorkerRequest, { type: 'forget' }> {
  const s = settings;
  const { report } = audited;
  const reusable = !audited.stale && report.settings.seed === s.seed && report.model.testSource !== 'test file';
  return {
    type: 'forget',
    dataset: audited.datasetPath,
    outDir: audited.dir,
    options: {
      forgetFile,
      seed: s.seed,
      backend: s.backend,
      rum: true,
      ...(reusable ? { auditFile: path.join(audited.dir, 'audit.json'), testFraction: report.settings.testFraction } : { mode: s.mode }),
      ...(s.queue ? { queue: s.queue } : {}),
      // The same label column as the dataset's audit (it may have been picked by the user).
      ...(TABLE_FORMATS.includes(report.dataset.format) ? { label: report.dataset.labelColumn } : {}),
    },
  };
}
