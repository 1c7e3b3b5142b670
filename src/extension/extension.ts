import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { Annotations } from './annotations';
import { AuditPanel, AuditPanelSerializer, PANEL_VIEW_TYPE } from './auditPanel';
import { COMMANDS } from './commands';
import { ConfiguredSettings } from './configuredSettings';
import { ExtensionContext } from './context';
import { ImageResults } from './imageResults';
import { JobRunner } from './jobRunner';
import { describeCommandFailure } from './logic/commandErrors';
import { RESTRICTED_NOTICE } from './logic/panelNotices';
import { statusOf } from './logic/statusText';
import { ResultsStore } from './resultsStore';

/** Activation stays light: no TensorFlow.js here; the worker process does all computing. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('ForgetLens', { log: true });
  const workspaceRoot = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? os.tmpdir();
  const store = new ResultsStore(workspaceRoot, {
    workspaceFolders: () => (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => realFolder(f.uri.fsPath)),
    trusted: () => vscode.workspace.isTrusted,
    log: (line) => log.warn(line),
    info: (line) => log.info(line),
    refused: (message) => void vscode.window.showWarningMessage(`ForgetLens: a result was not loaded: ${message}`, 'Show Log').then((choice) => choice && log.show()),
  });
  const settings = new ConfiguredSettings();
  AuditPanel.log = (line) => log.info(line);
  // First, before anything else can throw: activation by onWebviewPanel is VS Code waiting to
  // hand over a panel restored from the last session.
  context.subscriptions.push(vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, new AuditPanelSerializer(context.extensionUri, store)));
  const ctx: ExtensionContext = {
    extensionUri: context.extensionUri,
    workspaceRoot,
    store,
    jobs: new JobRunner(context.extensionUri.fsPath, log),
    annotations: new Annotations(store, context.extensionUri, settings),
    log,
    settings,
  };
  const images = new ImageResults(store);
  context.subscriptions.push(
    log,
    store,
    settings,
    ctx.jobs,
    ctx.annotations,
    images,
    vscode.window.registerTreeDataProvider('forgetlens.hardToForget', images),
    // Trust granted: the panel and the status bar drop their Restricted Mode notice.
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      showStatus(ctx);
      AuditPanel.refresh();
    }),
    // After a window reload the status bar shows the last result again once it is loaded.
    store.onDidChange(() => ctx.jobs.running || showStatus(ctx)),
    ...Object.entries(COMMANDS).map(([id, factory]) => vscode.commands.registerCommand(id, guarded(id, factory(ctx), log))),
  );
  const refused = store.restore();
  if (refused.length) {
    void vscode.window.showWarningMessage(`ForgetLens: ${refused.length === 1 ? 'a result was' : `${refused.length} results were`} not loaded: ${refused[0]}`, 'Show Log').then((choice) => choice && log.show());
  }
  showStatus(ctx);
  // Activation reads no report: a data file already open gets its result after activation.
  setImmediate(() => {
    for (const editor of vscode.window.visibleTextEditors) void store.ensureFor(editor.document.uri.fsPath);
  });
}

function showStatus(ctx: ExtensionContext): void {
  const active = ctx.store.active();
  if (!vscode.workspace.isTrusted) ctx.jobs.idle('ForgetLens (Restricted Mode)', RESTRICTED_NOTICE);
  else if (active) ctx.jobs.idle(...statusOf(active));
  else ctx.jobs.idle('ForgetLens');
}

export function deactivate(): void {}

/** A failing command shows what failed and offers the log, instead of VS Code's generic modal. */
function guarded(id: string, command: (...args: unknown[]) => unknown, log: vscode.LogOutputChannel): (...args: unknown[]) => Promise<unknown> {
  const title = commandTitle(id);
  return async (...args) => {
    try {
      return await command(...args);
    } catch (err) {
      const failure = describeCommandFailure(title, err);
      log.error(failure.detail);
      void vscode.window.showErrorMessage(failure.message, 'Show Log').then((choice) => choice && log.show());
      return undefined;
    }
  };
}

function commandTitle(id: string): string {
  const contributed = (vscode.extensions.getExtension('forgetlens.forgetlens')?.packageJSON as { contributes?: { commands?: Array<{ command: string; title: string }> } } | undefined)?.contributes?.commands;
  return contributed?.find((c) => c.command === id)?.title ?? id;
}

function realFolder(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return folder;
  }
}
