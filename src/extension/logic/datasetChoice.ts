import * as path from 'node:path';

/** Files the audit reads as tables. */
export const DATA_FILE = /\.(csv|tsv|tab|jsonl|ndjson)(\.(gz|gzip|zst|zstd))?$|\.(parquet|pq)$/i;

export interface DatasetCandidates {
  /** The explorer item the command was run on. */
  explicit?: string;
  /** The active text editor's file (scheme file). */
  activeDocument?: string;
  /**
   * The active tab's file. VS Code opens files over 50 MB on its "file is very large" page: they
   * are not text documents, so there is no active editor, but the tab still names the file.
   */
  activeTab?: string;
}

export type DatasetChoice = { kind: 'dataset'; path: string } | { kind: 'ask' };

/**
 * Which dataset "Audit Dataset…" is about: what it was run on, else the data file in front of
 * the user; otherwise the user is asked. The workspace folder is never assumed.
 */
export function chooseDataset(c: DatasetCandidates): DatasetChoice {
  if (c.explicit) return { kind: 'dataset', path: c.explicit };
  for (const file of [c.activeDocument, c.activeTab]) if (file && DATA_FILE.test(file)) return { kind: 'dataset', path: file };
  return { kind: 'ask' };
}

/** The file path of a tab input, if it has a file URI (text, custom editor, large-file page). */
export function tabInputFile(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('uri' in input)) return undefined;
  const uri = (input as { uri: unknown }).uri;
  if (typeof uri !== 'object' || uri === null) return undefined;
  const { scheme, fsPath } = uri as { scheme?: unknown; fsPath?: unknown };
  return scheme === 'file' && typeof fsPath === 'string' ? fsPath : undefined;
}

export interface DatasetPickItem {
  label: string;
  description: string;
  /** undefined: the "choose another" entry that opens the file dialog. */
  path: string | undefined;
}

/**
 * The quick pick shown when nothing in front of the user is a dataset: the workspace's data files
 * (shallowest first, then by name), then an entry to choose a file or image folder elsewhere.
 */
export function datasetPickItems(files: readonly string[], workspaceRoot: string): DatasetPickItem[] {
  const relative = (f: string) => (workspaceRoot && f.startsWith(workspaceRoot + path.sep) ? path.relative(workspaceRoot, f) : f);
  const depth = (f: string) => relative(f).split(path.sep).length;
  const sorted = [...new Set(files)].filter((f) => DATA_FILE.test(f)).sort((a, b) => depth(a) - depth(b) || relative(a).localeCompare(relative(b)));
  return [
    ...sorted.map((f) => ({ label: path.basename(f), description: relative(f), path: f })),
    { label: 'Choose a file or image folder…', description: 'CSV, TSV, JSONL, or a folder with one sub-folder of images per class', path: undefined },
  ];
}
