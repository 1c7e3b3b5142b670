import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { AuditSample } from '../core/report/auditSchema';
import { isLargeFile } from './logic/panelNotices';

/**
 * Open a sample where it lives: the line of a CSV/JSONL row, or the image file; in the first
 * column unless the panel is there (showing a file over the panel would hide it). `sourcePath` is
 * the real path the results store checked inside the dataset when it loaded the result.
 */
export async function revealSample(sample: AuditSample, sourcePath: string, panelColumn?: vscode.ViewColumn): Promise<void> {
  const uri = vscode.Uri.file(sourcePath);
  const viewColumn = panelColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  if (sample.source.line === undefined) {
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn, preview: true });
    return;
  }
  const line = sample.source.line - 1;
  const selection = new vscode.Range(line, 0, line, 0);
  if (isLargeFile(fs.statSync(uri.fsPath).size)) {
    // VS Code does not hand a file this large to extensions (showTextDocument would fail), but the
    // workbench can still open it at the line.
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn, preserveFocus: true, selection });
    return;
  }
  const editor = await vscode.window.showTextDocument(uri, { viewColumn, preserveFocus: true, selection });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenter);
}
