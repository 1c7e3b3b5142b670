import * as vscode from 'vscode';
import type { AuditSample } from '../core/report/auditSchema';
import { resolveSource } from './logic/annotationPlan';

/** Open a sample where it lives: the line of a CSV/JSONL row, or the image file. */
export async function revealSample(sample: AuditSample, baseDir: string): Promise<void> {
  const uri = vscode.Uri.file(resolveSource(sample.source.file, baseDir));
  if (sample.source.line === undefined) {
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: vscode.ViewColumn.One, preview: true });
    return;
  }
  const line = sample.source.line - 1;
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One, preserveFocus: true, selection: new vscode.Range(line, 0, line, 0) });
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.InCenter);
}
