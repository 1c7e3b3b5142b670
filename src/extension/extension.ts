import * as os from 'node:os';
import * as vscode from 'vscode';
import { Annotations } from './annotations';
import { AuditPanel, AuditPanelSerializer, PANEL_VIEW_TYPE } from './auditPanel';
import { COMMANDS } from './commands';
import { ExtensionContext } from './context';
import { ImageResults } from './imageResults';
import { JobRunner } from './jobRunner';
import { RESTRICTED_NOTICE } from './logic/panelNotices';
import { statusOf } from './logic/statusText';
import { ResultsStore } from './resultsStore';

/** Activation stays light: no TensorFlow.js here; the worker process does all computing. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ForgetLens', { log: true });
  const workspaceRoot = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
  const store = new ResultsStore(workspaceRoot);
  AuditPanel.log = (line) => log.info(line);
  // First, before anything else can throw: activation by onWebviewPanel is VS Code waiting to
  // hand over a panel restored from the last session.
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, new AuditPanelSerializer(context.extensionUri, store)));
  const ctx: ExtensionContext = {
    extensionUri: context.extensionUri,
    workspaceRoot,
    store,
    jobs: new JobRunner(context.extensionUri.fsPath, log),
    annotations: new Annotations(store, context.extensionUri),
    log,
  };
  const images = new ImageResults(store);
  context.subscriptions.push(
    log,
    store,
    ctx.jobs,
    ctx.annotations,
    images,
    vscode.window.registerTreeDataProvider('forgetlens.hardToForget', images),
    // Trust granted: the panel and the status bar drop their Restricted Mode notice.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      const active = store.active();
      if (active) ctx.jobs.idle(...statusOf(active));
      else ctx.jobs.idle('ForgetLens');
      AuditPanel.refresh();
    }),
    ...Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, factory(ctx))),
  );
  store.restore();
  // After a window reload the status bar shows the last result again, as before the reload.
  const last = store.active();
  if (!vscode.workspace.isTrusted) ctx.jobs.idle('ForgetLens (Restricted Mode)', RESTRICTED_NOTICE);
  else if (last) ctx.jobs.idle(...statusOf(last));
}

export function deactivate(): void {}
