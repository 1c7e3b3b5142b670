import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { AuditKey } from './settings';

/**
 * Where an audit's result lives: `.forgetlens/<dataset name>-<hash>/audit.json`, the hash over
 * the dataset content and the settings, so the same data and settings reuse the result.
 */
export function resultDirFor(workspaceRoot: string, datasetPath: string, datasetSha256: string, settings: AuditKey): string {
  const key = crypto.createHash('sha256').update(`${datasetSha256}\n${stableJson(settings)}`).digest('hex').slice(0, 16);
  const name = path.basename(datasetPath).replace(/[^A-Za-z0-9._-]+/g, '_');
  return path.join(workspaceRoot, '.forgetlens', `${name}-${key}`);
}

function stableJson(value: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).sort(([a], [b]) => a.localeCompare(b))));
}
