import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ForgetReport } from '../core/forget/schema';
import { ForgetSummary, HostToWebview, ROWS_PER_MESSAGE, WebviewToHost } from '../protocol/webview';
import { toDetail, toMeta, toRows } from './logic/reportViews';
import { createNonce, renderPanelHtml } from './panelHtml';
import { LoadedResult, ResultsStore } from './resultsStore';
import { revealSample } from './revealSample';

export const PANEL_VIEW_TYPE = 'forgetlens.results';

/**
 * The results panel. One instance; state lives in the webview (getState/setState) and is revived
 * by a serializer after a reload, so hidden panels are not kept alive. Data flows after the
 * webview says it is ready, rows in pages.
 */
export class AuditPanel implements vscode.Disposable {
  private static current: AuditPanel | undefined;
  /** Where the panel's lifecycle is logged (set by activate). */
  static log: ((line: string) => void) | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private ready = false;

  static createOrShow(extensionUri: vscode.Uri, store: ResultsStore, selectId?: string): AuditPanel {
    if (AuditPanel.current) {
      AuditPanel.current.panel.reveal(vscode.ViewColumn.Beside);
      if (selectId) AuditPanel.current.post({ type: 'select', id: selectId });
      return AuditPanel.current;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'ForgetLens', vscode.ViewColumn.Beside, AuditPanel.options(extensionUri));
    AuditPanel.current = new AuditPanel(panel, extensionUri, store, selectId);
    return AuditPanel.current;
  }

  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, store: ResultsStore): void {
    AuditPanel.log?.(`panel: reviving (an instance already exists: ${AuditPanel.current !== undefined})`);
    if (AuditPanel.current) {
      // Opened again before VS Code got round to reviving the old one: keep one panel.
      panel.dispose();
      return;
    }
    panel.webview.options = AuditPanel.options(extensionUri);
    AuditPanel.current = new AuditPanel(panel, extensionUri, store);
  }

  static refresh(): void {
    AuditPanel.current?.sendAll();
  }

  private static options(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
    private pendingSelect?: string,
  ) {
    AuditPanel.log?.('panel: created');
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
      webview.onDidReceiveMessage((m: WebviewToHost) => this.onMessage(m)),
      panel.onDidDispose(() => this.dispose()),
      store.onDidChange(() => this.sendAll()),
    );
  }

  private onMessage(message: WebviewToHost): void {
    const result = this.store.active();
    switch (message.type) {
      case 'ready':
        AuditPanel.log?.('panel: webview ready');
        this.ready = true;
        this.sendAll();
        if (this.pendingSelect) this.post({ type: 'select', id: this.pendingSelect });
        this.pendingSelect = undefined;
        return;
      case 'detail': {
        const sample = result?.report.samples.find((s) => s.id === message.id);
        if (sample) this.post({ type: 'detail', detail: toDetail(sample) });
        return;
      }
      case 'reveal': {
        const sample = result?.report.samples.find((s) => s.id === message.id);
        if (sample && result) void revealSample(sample, path.dirname(result.datasetPath));
        return;
      }
      case 'exportReport':
        void vscode.commands.executeCommand('forgetlens.exportReport');
        return;
      case 'runAudit':
        void vscode.commands.executeCommand('forgetlens.auditDataset');
        return;
      case 'exportChart':
        return;
    }
  }

  private sendAll(): void {
    if (!this.ready) return;
    const result = this.store.active();
    if (!result) {
      this.post({ type: 'empty', message: 'No ForgetLens results yet: right-click a dataset and choose "ForgetLens: Audit Dataset…".' });
      return;
    }
    this.panel.title = `ForgetLens: ${path.basename(result.datasetPath)}`;
    this.post({ type: 'meta', meta: toMeta(result.report, result.stale) });
    const rows = toRows(result.report);
    for (let start = 0; start < rows.length || start === 0; start += ROWS_PER_MESSAGE) {
      this.post({ type: 'rows', rows: rows.slice(start, start + ROWS_PER_MESSAGE), done: start + ROWS_PER_MESSAGE >= rows.length });
    }
    this.post({ type: 'forget', forget: forgetSummary(result) });
  }

  private post(message: HostToWebview): void {
    void this.panel.webview.postMessage(message);
  }

  dispose(): void {
    AuditPanel.log?.('panel: disposed');
    if (AuditPanel.current === this) AuditPanel.current = undefined;
    this.panel.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

function forgetSummary(result: LoadedResult): ForgetSummary | null {
  const f: ForgetReport | null = result.forget;
  if (!f) return null;
  return {
    text: f.summary.text,
    methods: [...f.algorithms, ...(f.rum ? [f.rum.rum, f.rum.control] : [])].map((a) => ({ name: a.name, tow: a.tow, towMia: a.towMia, mia: a.mia, relativeTime: a.relativeTime, forgetAcc: a.forgetAcc })),
    verdicts: f.samples.map((s) => ({ id: s.id, verdict: s.verdict, evidence: s.evidence })),
    alsoConsiderDeleting: f.summary.alsoConsiderDeleting,
    rum: f.rum ? { rum: f.rum.rum.tow, control: f.rum.control.tow } : null,
    htmlReport: path.join(result.dir, 'forget-audit.html'),
  };
}

export class AuditPanelSerializer implements vscode.WebviewPanelSerializer {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly store: ResultsStore,
  ) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
    AuditPanel.revive(panel, this.extensionUri, this.store);
  }
}
