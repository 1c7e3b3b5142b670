import * as fs from 'node:fs';
import { Dataset } from '../data/dataset';
import { InputError } from '../errors';
import { AuditReport, AuditReportSchema } from '../report/auditSchema';

/** Where the forget report's per-sample audit came from (the report's auditSource field). */
export interface AuditSource {
  origin: 'reused' | 'run now';
  /** The audit.json read (null when the audit ran inside this forget audit). */
  path: string | null;
  createdAt: string;
  settings: AuditReport['settings'];
}

/** Read an audit.json the forget audit is to reuse; a file that is not one is bad input. */
export function readAuditFile(file: string): AuditReport {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the audit: ${(err as Error).message}`, file);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`not JSON: ${(err as Error).message}`, file);
  }
  const parsed = AuditReportSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new InputError(`not a ForgetLens audit.json: ${problems.join('; ')}`, file);
  }
  return parsed.data;
}

/**
 * Refuse an audit of other data or with other splits: the forget experiment's test split is the
 * audit's held-out split (forgetSplit.ts), so seed and test fraction must be the same, and its
 * memorization must have been measured on these rows under this label.
 */
export function checkAuditMatches(audit: AuditReport, dataset: Dataset, wanted: { seed: number; testFraction: number }, file: string): void {
  const differences: string[] = [];
  const differ = (what: string, inAudit: unknown, now: unknown) => {
    if (inAudit !== now) differences.push(`${what} is ${JSON.stringify(inAudit)} in the audit but ${JSON.stringify(now)} now`);
  };
  differ('dataset sha256', audit.dataset.sha256, dataset.sha256);
  differ('rows', audit.dataset.rows, dataset.ids.length);
  differ('label column', audit.dataset.labelColumn, dataset.labelColumn);
  differ('seed', audit.settings.seed, wanted.seed);
  differ('test fraction', audit.settings.testFraction, wanted.testFraction);
  if (audit.model.testSource === 'test file') differences.push('the audit held out a separate test file, the forget audit a split of this dataset');
  if (differences.length === 0) {
    const known = new Set(dataset.ids);
    const unknown = audit.samples.filter((s) => !known.has(s.id)).length;
    if (unknown > 0 || audit.samples.length !== dataset.ids.length) differences.push(`${unknown} of its ${audit.samples.length} sample ids are not among the dataset's ${dataset.ids.length}`);
  }
  if (differences.length) throw new InputError(`this audit does not match the forget audit (${differences.join('; ')}); re-run \`forgetlens audit\` or drop --audit`, file);
}
