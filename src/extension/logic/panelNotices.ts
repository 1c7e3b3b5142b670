/** VS Code does not hand documents over this size to extensions. */
export const LARGE_FILE_BYTES = 50 * 1024 * 1024;

export const LARGE_FILE_NOTICE =
  'This file is over 50 MB, which VS Code does not pass to extensions, so it gets no line annotations. The panel and the "Hard to forget" view have every result.';
export const RESTRICTED_NOTICE = 'Restricted Mode: ForgetLens shows existing results only. It loads no model and trains nothing until you trust this workspace.';

export function isLargeFile(bytes: number): boolean {
  return bytes > LARGE_FILE_BYTES;
}

/** What the panel should tell the user about the view it shows. `datasetBytes` is null for folders. */
export function panelNotices(options: { trusted: boolean; datasetBytes: number | null }): string[] {
  const notices: string[] = [];
  if (!options.trusted) notices.push(RESTRICTED_NOTICE);
  if (options.datasetBytes !== null && isLargeFile(options.datasetBytes)) notices.push(LARGE_FILE_NOTICE);
  return notices;
}
