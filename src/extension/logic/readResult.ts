import * as fs from 'node:fs';
import * as path from 'node:path';
import { ForgetReport, validateForgetReport } from '../../core/forget/schema';
import { AuditReport, AuditSample, SampleSchema, validateAuditReport } from '../../core/report/auditSchema';
import { SAMPLES_PER_STEP, parseReportBytes } from './reportJson';
import { yieldToEvents } from './yieldToEvents';

async function readJson(file: string): Promise<unknown> {
  const bytes = await fs.promises.readFile(file);
  await yieldToEvents();
  try {
    return await parseReportBytes(bytes);
  } catch (err) {
    throw new Error(`${file}: not JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
}

/**
 * A result folder's audit.json and, when there is one, its forget-audit.json, read without
 * blocking (the files are tens of MB for a 60k audit) and each checked against its schema.
 */
export async function readResultFiles(dir: string): Promise<{ report: AuditReport; forget: ForgetReport | null }> {
  const auditFile = path.join(dir, 'audit.json');
  const json = await readJson(auditFile);
  await yieldToEvents();
  const report = await validateInSteps(auditFile, json);
  const forgetFile = path.join(dir, 'forget-audit.json');
  if (!fs.existsSync(forgetFile)) return { report, forget: null };
  const forgetJson = await readJson(forgetFile);
  return { report, forget: checked(forgetFile, () => validateForgetReport(forgetJson)) };
}

/** The report checked without its samples, then the samples a step at a time, yielding between steps. */
async function validateInSteps(file: string, json: unknown): Promise<AuditReport> {
  const samples = (json as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(samples)) return checked(file, () => validateAuditReport(json));
  const header = checked(file, () => validateAuditReport({ ...(json as object), samples: [] }));
  const checkedSamples: AuditSample[] = [];
  for (let start = 0; start < samples.length; start += SAMPLES_PER_STEP) {
    await yieldToEvents();
    const chunk = samples.slice(start, start + SAMPLES_PER_STEP);
    const parsed = SampleSchema.array().safeParse(chunk);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const [index, ...rest] = issue.path;
      throw new Error(`${file}: audit report does not match its schema: samples.${start + Number(index)}${rest.length ? `.${rest.join('.')}` : ''}: ${issue.message}`);
    }
    checkedSamples.push(...parsed.data);
  }
  return { ...header, samples: checkedSamples };
}

function checked<T>(file: string, validate: () => T): T {
  try {
    return validate();
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}
