import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditReport, validateAuditReport } from '../../../src/core/report/auditSchema';

/** The `.forgetlens/index.json` the extension keeps: dataset path → its latest result folder. */
function readIndex(workspace: string): Record<string, { dir: string }> {
  const file = path.join(workspace, '.forgetlens', 'index.json');
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, { dir: string }>) : {};
}

/** The folder of the latest result for a dataset, if it was audited. */
export function resultDir(workspace: string, dataset: string): string | undefined {
  return readIndex(workspace)[path.resolve(dataset)]?.dir;
}

/** The latest audit.json the extension wrote for a dataset (validated against the schema). */
export function latestAudit(workspace: string, dataset: string): AuditReport {
  const dir = resultDir(workspace, dataset);
  if (!dir || !fs.existsSync(path.join(dir, 'audit.json'))) throw new Error(`no audit.json for ${dataset} in ${workspace}/.forgetlens`);
  return validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')));
}

/** Every file under `.forgetlens/` with its modification time: what a recomputation would change. */
export function resultFiles(workspace: string): Map<string, number> {
  const files = new Map<string, number>();
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files.set(full, fs.statSync(full).mtimeMs);
    }
  };
  walk(path.join(workspace, '.forgetlens'));
  return files;
}
