import * as path from 'node:path';
import { datasetHash } from './datasetHash';

export interface ContentCheck {
  /** The dataset's content is not the audited one (or could not be read). */
  stale: boolean;
  /** What the check found, for the ForgetLens log: which file, both hashes, and what it means for the result. */
  line: string;
}

const short = (sha256: string) => `${sha256.slice(0, 12)}…`;

/** Hash the dataset again and compare it with the hash its audit recorded. */
export async function checkContent(datasetPath: string, auditedSha256: string): Promise<ContentCheck> {
  const name = path.basename(datasetPath);
  let onDisk: string;
  try {
    onDisk = await datasetHash(datasetPath);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { stale: true, line: `${name} changed on disk and could not be read (${reason}): the result is stale` };
  }
  if (onDisk === auditedSha256) return { stale: false, line: `${name} changed on disk: its content is the audited one (sha256 ${short(onDisk)}): the result is current` };
  return { stale: true, line: `${name} changed on disk: its content differs from the audited one (sha256 ${short(onDisk)}, audited ${short(auditedSha256)}): the result is stale until it is audited again` };
}
