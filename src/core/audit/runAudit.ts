import { Dataset } from '../data/dataset';
import { loadDataset } from '../data/load';
import { JobContext, report, throwIfCancelled } from '../progress';
import { AuditResult, auditDataset } from './auditDataset';
import { AuditOptions } from './options';
import { Stopwatch } from './stopwatch';

export type { AuditResult };

/** The whole audit of one dataset on disk: read it (and a test file), then audit it. */
export async function runAudit(datasetPath: string, options: Partial<AuditOptions> = {}, ctx?: JobContext): Promise<AuditResult> {
  const clock = new Stopwatch();
  report(ctx, 'reading', 0);
  const loadOptions = { label: options.label, id: options.id, limit: options.limit, imageSize: options.imageSize, delimiter: options.delimiter, bins: options.bins };
  const { dataset, encoder } = await loadDataset(datasetPath, loadOptions, ctx);
  const testSet: Dataset | undefined = options.testFile
    ? (await loadDataset(options.testFile, { ...loadOptions, limit: undefined, encoder }, ctx)).dataset
    : undefined;
  clock.lap('reading');
  throwIfCancelled(ctx);
  return auditDataset(dataset, options, { testSet, clock }, ctx);
}
