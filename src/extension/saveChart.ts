import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/util/atomicWrite';
import type { ChartFormat } from '../protocol/webview';
import { chartFileName, decodeChartExport } from './logic/chartExport';

/** A chart the panel exported: the host asks where to save it and writes it atomically. */
export async function saveChart(workspaceRoot: string, message: { format: ChartFormat; name: string; data: string }): Promise<void> {
  let bytes: Buffer;
  try {
    bytes = decodeChartExport(message.format, message.data);
  } catch (err) {
    void vscode.window.showErrorMessage(`ForgetLens: could not export the chart: ${err instanceof Error ? err.message : String(err)}`);
    return;
  }
  const filters: Record<string, string[]> = message.format === 'svg' ? { 'SVG image': ['svg'] } : { 'PNG image': ['png'] };
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(workspaceRoot, chartFileName(message.name, message.format))), filters, saveLabel: 'Export Chart' });
  if (!target) return;
  writeFileAtomic(target.fsPath, bytes);
  void vscode.window.showInformationMessage(`ForgetLens: chart saved as ${path.basename(target.fsPath)}.`);
}
