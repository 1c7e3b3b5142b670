import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AuditSample } from '../core/report/auditSchema';
import { HARD_FROM, MODERATE_FROM, difficultyLevel, reasonsInWords } from './logic/reasonText';
import { ResultsStore } from './resultsStore';

/** Explorer badges on audited image files, and the "Hard to forget" tree of the hardest samples. */
export class ImageResults implements vscode.FileDecorationProvider, vscode.TreeDataProvider<AuditSample>, vscode.Disposable {
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly treeChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  private byFile = new Map<string, AuditSample>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ResultsStore) {
    this.disposables.push(vscode.window.registerFileDecorationProvider(this), store.onDidChange(() => this.refresh()));
    this.refresh();
  }

  refresh(): void {
    this.byFile = new Map();
    for (const result of this.store.all()) {
      for (const sample of result.report.samples) {
        if (sample.source.line === undefined && sample.difficulty >= MODERATE_FROM) {
          // Explorer URIs carry the workspace's path, which may differ from the real one by a symlink.
          this.byFile.set(path.resolve(path.dirname(result.datasetPath), sample.source.file), sample);
          this.byFile.set(result.sources.get(sample.id)!, sample);
        }
      }
    }
    this.decorationsChanged.fire(undefined);
    this.treeChanged.fire();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    const sample = this.byFile.get(uri.fsPath);
    if (!sample) return undefined;
    const hard = sample.difficulty >= HARD_FROM;
    return {
      badge: hard ? 'H' : 'h',
      tooltip: `ForgetLens: difficulty ${sample.difficulty.toFixed(2)}, ${difficultyLevel(sample.difficulty)} — ${reasonsInWords(sample).join('; ')}`,
      color: new vscode.ThemeColor(hard ? 'list.errorForeground' : 'list.warningForeground'),
    };
  }

  getTreeItem(sample: AuditSample): vscode.TreeItem {
    const item = new vscode.TreeItem(`${sample.difficulty.toFixed(2)}  ${sample.id}`);
    item.description = reasonsInWords(sample)[0];
    item.tooltip = reasonsInWords(sample).join('\n');
    item.command = { command: 'forgetlens.openSample', title: 'Open', arguments: [sample.id] };
    return item;
  }

  getChildren(element?: AuditSample): AuditSample[] {
    if (element) return [];
    return this.store.active()?.report.samples.filter((s) => s.difficulty >= HARD_FROM).slice(0, 200) ?? [];
  }

  dispose(): void {
    this.decorationsChanged.dispose();
    this.treeChanged.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
