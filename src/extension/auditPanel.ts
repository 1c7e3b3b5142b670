import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { HostToWebview, PanelTab, ROWS_PER_MESSAGE, WebviewToHost } from '../protocol/webview';
import { parseWebviewMessage } from '../protocol/webviewSchema';
import { panelNotices } from './logic/panelNotices';
import type { LoadedAudit } from './logic/loadedAudit';
import { toDetail, toForgetSummary, toMeta } from './logic/reportViews';
import { createNonce, renderPanelHtml } from './panelHtml';
import { ResultsStore } from './resultsStore';
import { revealSample } from './revealSample';
import { saveChart } from './saveChart';

export const PANEL_VIEW_TYPE = 'forgetlens.results';

export interface ShowOptions {
  /** Select (and page to) this sample once the panel has its rows. */
  selectId?: string;
  tab?: PanelTab;
  /** Keep the keyboard where it is (after an audit finishes, say); explicit commands focus the panel. */
  preserveFocus?: boolean;
}

/**
 * The results panel. One instance; state lives in the webview (getState/setState) and is revived
 * by a serializer after a reload, so hidden panels are not kept alive. Data flows after the
 * webview says it is ready, rows in pages; the webview says ready again whenever VS Code reloads
 * it (hidden then shown, moved, options changed), and gets everything again.
 */
export class AuditPanel implements vscode.Disposable {
  private static current: AuditPanel | undefined;
  /** Where the panel's lifecycle is logged (set by activate). */
  static log: ((line: string) => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  /** The webview has said ready and nothing posted since came back undelivered. */
  private ready = false;
  /** Counts 'ready' messages, so a late "not delivered" from an older webview is ignored. */
  private epoch = 0;
  /** select/showTab requests for the next time the webview has its data. */
  private pending: HostToWebview[] = [];
  private roots = '';

  static createOrShow(extensionUri: vscode.Uri, store: ResultsStore, show: ShowOptions = {}): AuditPanel {
    if (AuditPanel.current) {
      AuditPanel.current.show(show);
      return AuditPanel.current;
    }
    // A panel restored from the last session that VS Code has not revived yet (it revives only
    // visible ones): replace it in its own column instead of opening a second one.
    const column = closeUnrevivedPanels() ?? vscode.ViewColumn.Beside;
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'ForgetLens', { viewColumn: column, preserveFocus: show.preserveFocus ?? false }, { enableScripts: true });
    AuditPanel.current = new AuditPanel(panel, extensionUri, store);
    AuditPanel.current.request(show);
    return AuditPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: ResultsStore): void {
    AuditPanel.log?.(`panel: reviving in column ${panel.viewColumn} (an instance already exists: ${AuditPanel.current !== undefined})`);
    if (AuditPanel.current) {
      // Opened again before VS Code got round to reviving the old one: keep one panel.
      panel.dispose();
      return;
    }
    AuditPanel.current = new AuditPanel(panel, extensionUri, store);
    AuditPanel.current.keepPinned();
  }

  static refresh(): void {
    AuditPanel.current?.sendAll();
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
  ) {
    AuditPanel.log?.('panel: created');
    this.updateRoots(store.active());
    const webview = panel.webview;
    const asUri = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
    webview.html = renderPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: asUri('dist', 'webview.js'),
      styleUri: asUri('media', 'panel.css'),
      elementsUri: asUri('dist', 'vscode-elements.js'),
    });
    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => {
        const message = parseWebviewMessage(m);
        if ('invalid' in message) AuditPanel.log?.(`panel: ${message.invalid}; ignored`);
        else this.onMessage(message);
      }),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => this.keepPinned()),
      store.onDidChange(() => this.sendAll()),
    );
  }

  /**
   * A preview editor is replaced by the next file opened in its group. createWebviewPanel opens the
   * panel pinned, but code-server can restore it after a reload as a preview: pin it when it is the
   * active tab ("Keep Editor" acts on the active editor only).
   */
  private keepPinned(): void {
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    if (!this.panel.active || !tab?.isPreview || !isPanelTab(tab)) return;
    AuditPanel.log?.('panel: was a preview editor, pinning it');
    void vscode.commands.executeCommand('workbench.action.keepEditor');
  }

  private show(show: ShowOptions): void {
    // Reveal where it is: revealing in another column moves the panel, which reloads its webview
    // and reopens it as a preview editor that the next opened file replaces.
    this.panel.reveal(this.panel.viewColumn, show.preserveFocus ?? false);
    this.request(show);
  }

  private request(show: ShowOptions): void {
    const messages: HostToWebview[] = [];
    if (show.tab) messages.push({ type: 'showTab', tab: show.tab });
    if (show.selectId) messages.push({ type: 'select', id: show.selectId });
    for (const m of messages) {
      // A live webview gets it now (post() queues it again if it was not delivered); otherwise it
      // waits for the next 'ready'.
      if (this.ready) this.post(m);
      else this.pending = [...this.pending.filter((p) => p.type !== m.type), m];
    }
  }

  private onMessage(message: WebviewToHost): void {
    const result = this.store.active();
    switch (message.type) {
      case 'ready':
        AuditPanel.log?.('panel: webview ready');
        this.ready = true;
        this.epoch++;
        this.sendAll();
        for (const m of this.pending.splice(0)) this.post(m);
        return;
      case 'detail': {
        const sample = result?.byId.get(message.id);
        if (sample) this.post({ type: 'detail', detail: toDetail(sample) });
        return;
      }
      case 'reveal': {
        const sample = result?.byId.get(message.id);
        const source = result?.sources.get(message.id);
        if (sample && source) void revealSample(sample, source, this.panel.viewColumn).catch((err: unknown) => AuditPanel.log?.(`panel: cannot reveal ${sample.id}: ${String(err)}`));
        return;
      }
      case 'exportReport':
        void vscode.commands.executeCommand('forgetlens.exportReport');
        return;
      case 'runAudit':
        void vscode.commands.executeCommand('forgetlens.auditDataset');
        return;
      case 'exportChart':
        void saveChart(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? path.dirname(result?.datasetPath ?? '.'), message);
        return;
    }
  }

  private sendAll(): void {
    const result = this.store.active();
    this.updateRoots(result);
    if (!this.ready) return;
    const notices = panelNotices({ trusted: vscode.workspace.isTrusted, datasetBytes: result ? fileSize(result.datasetPath) : null });
    if (!result) {
      // Restored results are read when first shown: its load event sends everything again.
      void this.store.ensureActive();
      this.post({ type: 'empty', message: 'No ForgetLens results yet: right-click a dataset and choose "ForgetLens: Audit Dataset…".', notices });
      return;
    }
    this.panel.title = `ForgetLens: ${path.basename(result.datasetPath)}`;
    const thumbnailRoot = result.isFolder ? this.panel.webview.asWebviewUri(vscode.Uri.file(result.datasetPath)).toString() : null;
    this.post({ type: 'meta', meta: toMeta(result.report, result.stale, { thumbnailRoot, notices }) });
    const rows = result.rows;
    for (let start = 0; start < rows.length || start === 0; start += ROWS_PER_MESSAGE) {
      this.post({ type: 'rows', rows: rows.slice(start, start + ROWS_PER_MESSAGE), done: start + ROWS_PER_MESSAGE >= rows.length });
    }
    this.post({ type: 'forget', forget: result.forget ? toForgetSummary(result.forget, path.join(result.dir, 'forget-audit.html')) : null });
  }

  /** The panel may load its own bundles and, for an image dataset, the images in its folder: nothing else. */
  private updateRoots(result: LoadedAudit | undefined): void {
    const roots = [vscode.Uri.joinPath(this.extensionUri, 'dist'), vscode.Uri.joinPath(this.extensionUri, 'media')];
    // Image folders in the workspace are covered up front: switching to one does not reload the
    // webview (a reload drops what the user was looking at and flickers). Folders outside get a root.
    const workspace = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
    roots.push(...workspace);
    const inWorkspace = (dir: string) => workspace.some((w) => dir === w.fsPath || dir.startsWith(w.fsPath + path.sep));
    if (result?.isFolder && !inWorkspace(result.datasetPath)) roots.push(vscode.Uri.file(result.datasetPath));
    const key = roots.map((r) => r.toString()).join('\n');
    if (key === this.roots) return;
    this.roots = key;
    // Changing the options reloads the webview; it then says ready again and gets everything.
    this.panel.webview.options = { enableScripts: true, localResourceRoots: roots };
  }

  private post(message: HostToWebview): void {
    const epoch = this.epoch;
    void this.panel.webview.postMessage(message).then((delivered) => {
      // Not delivered: the webview is hidden (VS Code drops its content) or reloading. It says
      // ready when it is back, and then gets everything again.
      if (delivered || epoch !== this.epoch) return;
      this.ready = false;
      if (message.type === 'select' || message.type === 'showTab') this.pending = [...this.pending.filter((p) => p.type !== message.type), message];
    });
  }

  dispose(): void {
    AuditPanel.log?.('panel: disposed');
    if (AuditPanel.current === this) AuditPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Size of a dataset file, or null for a folder (or something that is gone). */
function fileSize(datasetPath: string): number | null {
  try {
    const stat = fs.statSync(datasetPath);
    return stat.isFile() ? stat.size : null;
  } catch {
    return null;
  }
}

/** VS Code prefixes the view type of webview tabs (mainThreadWebview-forgetlens.results). */
function isPanelTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PANEL_VIEW_TYPE);
}

/** Close ForgetLens tabs that have no live panel; returns the column the first one was in. */
function closeUnrevivedPanels(): vscode.ViewColumn | undefined {
  const stale = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter(isPanelTab);
  if (stale.length === 0) return undefined;
  AuditPanel.log?.(`panel: replacing ${stale.length} panel(s) not revived yet`);
  const column = stale[0].group.viewColumn;
  void vscode.window.tabGroups.close(stale);
  return column;
}

export class AuditPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    try {
      AuditPanel.revive(panel, this.extensionUri, this.store);
    } catch (err) {
      // Closed while it was being revived (Open Results replaced it): nothing to show.
      AuditPanel.log?.(`panel: could not revive: ${String(err)}`);
    }
  }
}
