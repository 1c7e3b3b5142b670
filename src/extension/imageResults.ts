import * as vscode from 'vscode';
import type { AuditSample } from '../core/report/auditSchema';
import { HARD_FROM, difficultyLevel, reasonsInWords } from './logic/reasonText';
import { ResultsStore } from './resultsStore';

/** Explorer badges on audited image files, and the "Hard to forget" tree of the hardest samples. */
export class ImageResults implements vscode.FileDecorationProvider, vscode.TreeDataProvider<AuditSample>, vscode.Disposable {
  private readonly decorationsChanged = new vscode.EventEmitter<vscode.Uri[] | undefined>();
  readonly onDidChangeFileDecorations = this.decorationsChanged.event;
  private readonly treeChanged = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.treeChanged.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly store: ResultsStore) {
    this.disposables.push(vscode.window.registerFileDecorationProvider(this), store.onDidChange(() => this.refresh()));
  }

  refresh(): void {
    this.decorationsChanged.fire(undefined);
    this.treeChanged.fire();
  }

  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    // Not by forFile: the explorer's path may reach the dataset through a symlink.
    const sample = this.store.all().find((r) => r.imageBadges.has(uri.fsPath))?.imageBadges.get(uri.fsPath);
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
    const active = this.store.active();
    // Shown before any result is loaded: load the last one; its event fills the tree.
    if (!active) void this.store.ensureActive();
    return active?.hardest ?? [];
  }

  dispose(): void {
    this.decorationsChanged.dispose();
    this.treeChanged.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
