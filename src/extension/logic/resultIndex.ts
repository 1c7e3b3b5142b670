import * as path from 'node:path';
import { z } from 'zod';
import { requireInside } from './trustBoundary';

/** `.forgetlens/index.json`: the latest result folder per dataset, last shown last. */
const IndexSchema = z.record(z.string().min(1), z.object({ dir: z.string().min(1) }));

export type ResultIndex = z.infer<typeof IndexSchema>;

export interface IndexEntry {
  datasetPath: string;
  dir: string;
}

/** Parse the index; a file that is not one gives an error naming it and the problem. */
export function parseIndex(text: string, indexFile: string): ResultIndex {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new Error(`${indexFile}: not JSON (${err instanceof Error ? err.message : String(err)})`, { cause: err });
  }
  const parsed = IndexSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${indexFile}: ${issue.path.length ? `at ${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}

/**
 * The index's entries with both paths resolved (relative ones against the workspace folder that
 * holds `.forgetlens/`) and each checked inside a workspace folder; refused entries are returned
 * apart, each with its reason, so the caller can say what it did not load.
 */
export function checkIndexEntries(index: ResultIndex, indexRoot: string, workspaceFolders: readonly string[]): { accepted: IndexEntry[]; refused: string[] } {
  const accepted: IndexEntry[] = [];
  const refused: string[] = [];
  for (const [dataset, { dir }] of Object.entries(index)) {
    try {
      accepted.push({
        datasetPath: requireInside(path.resolve(indexRoot, dataset), workspaceFolders, 'index.json: dataset'),
        dir: requireInside(path.resolve(indexRoot, dir), workspaceFolders, 'index.json: result folder'),
      });
    } catch (err) {
      refused.push(err instanceof Error ? err.message : String(err));
    }
  }
  return { accepted, refused };
}
