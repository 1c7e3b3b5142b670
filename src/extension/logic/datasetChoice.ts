/** Files the audit reads as tables. */
export const DATA_FILE = /\.(csv|tsv|jsonl|ndjson)$/i;

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
