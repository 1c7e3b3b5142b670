import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { AuditPanel } from './auditPanel';
import { ExtensionContext } from './context';
import { LARGE_FILE_NOTICE, RESTRICTED_NOTICE, isLargeFile } from './logic/panelNotices';
import { labelChoice } from './logic/labelColumn';
import { DATA_FILE, chooseDataset, datasetPickItems, tabInputFile } from './logic/datasetChoice';
import { auditKey } from './logic/settings';
import { forgetRequest } from './logic/forgetRequest';
import { auditRequest } from './logic/auditRequest';
import { chooseForgetDataset } from './logic/forgetDataset';
import type { LoadedAudit } from './logic/loadedAudit';
import { statusOf } from './logic/statusText';
import { readForgetIds } from '../core/forget/forgetIds';
import { revealSample } from './revealSample';

type CommandFactory = (ctx: ExtensionContext) => (...args: unknown[]) => unknown;

/** Every command, by id: a table of factories (one place to see what the extension can do). */
export const COMMANDS: Record<string, CommandFactory> = {
  'forgetlens.auditDataset': (ctx) => (uri?: unknown) => auditDataset(ctx, uri instanceof vscode.Uri ? uri : undefined),
  'forgetlens.auditForgetSet': (ctx) => (uri?: unknown) => auditForgetSet(ctx, uri instanceof vscode.Uri ? uri : undefined),
  'forgetlens.addSelectedRowsToForgetSet': (ctx) => () => addSelectedRows(ctx),
  'forgetlens.openResults': (ctx) => () => AuditPanel.createOrShow(ctx.extensionUri, ctx.store),
  'forgetlens.openSample': (ctx) => (id?: unknown) => openSample(ctx, typeof id === 'string' ? id : undefined),
  'forgetlens.exportReport': (ctx) => () => exportReport(ctx),
  'forgetlens.cancelAudit': (ctx) => () => ctx.jobs.cancel(),
  'forgetlens.clearAnnotations': (ctx) => () => ctx.annotations.clear(),
};

function requireTrust(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void vscode.window.showWarningMessage(`ForgetLens: ${RESTRICTED_NOTICE}`, 'Open Results').then((choice) => choice && vscode.commands.executeCommand('forgetlens.openResults'));
  return false;
}

async function pickDataset(uri?: vscode.Uri): Promise<string | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const choice = chooseDataset({
    explicit: uri?.fsPath,
    activeDocument: active?.scheme === 'file' ? active.fsPath : undefined,
    activeTab: tabInputFile(vscode.window.tabGroups.activeTabGroup.activeTab?.input),
  });
  if (choice.kind === 'dataset') return choice.path;
  // Never assume the workspace folder: list its data files, with the dialog as the last entry.
  const files = await vscode.workspace.findFiles('**/*.{csv,tsv,tab,jsonl,ndjson,parquet,pq,gz,gzip,zst,zstd}', '**/{node_modules,.forgetlens,.git}/**', 200);
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const item = await vscode.window.showQuickPick(datasetPickItems(files.map((f) => f.fsPath), root), { title: 'ForgetLens: which dataset?', placeHolder: 'No data file is open in the editor' });
  if (!item) return undefined;
  if (item.path) return item.path;
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: true, openLabel: 'Audit', filters: { Datasets: ['csv', 'tsv', 'tab', 'jsonl', 'ndjson', 'parquet', 'pq', 'gz', 'zst'] } });
  return picked?.[0]?.fsPath;
}

async function auditDataset(ctx: ExtensionContext, uri?: vscode.Uri): Promise<void> {
  if (!requireTrust()) return;
  const s = ctx.settings.current();
  const dataset = await pickDataset(uri);
  if (!dataset) return;
  ctx.store.choose(dataset);
  const label = await askLabelColumn(dataset);
  if (label === null) return;
  const dir = await ctx.store.resultDir(dataset, auditKey(s, label));
  if (fs.existsSync(path.join(dir, 'audit.json'))) {
    ctx.jobs.idle(...statusOf(await ctx.store.load(dataset, dir)));
    AuditPanel.createOrShow(ctx.extensionUri, ctx.store, { tab: 'samples' });
    return;
  }
  const outcome = await ctx.jobs.run(`ForgetLens: auditing ${path.basename(dataset)}`, auditRequest(s, dataset, path.join(dir, 'audit.json'), label));
  if (outcome.kind !== 'done') return;
  ctx.jobs.idle(...statusOf(await ctx.store.load(dataset, dir)));
  AuditPanel.createOrShow(ctx.extensionUri, ctx.store, { tab: 'samples', preserveFocus: true });
  if (!fs.statSync(dataset).isDirectory() && isLargeFile(fs.statSync(dataset).size)) void vscode.window.showInformationMessage(`ForgetLens: ${LARGE_FILE_NOTICE}`);
}

/**
 * The label column, asked only when the file has no column named label/target/class/y: undefined
 * lets the audit infer it (or the dataset is an image folder), null means the user cancelled.
 */
async function askLabelColumn(dataset: string): Promise<string | undefined | null> {
  const format = /\.tsv$/i.test(dataset) ? 'tsv' : /\.(jsonl|ndjson)$/i.test(dataset) ? 'jsonl' : /\.csv$/i.test(dataset) ? 'csv' : undefined;
  if (!format || fs.statSync(dataset).isDirectory()) return undefined;
  const choice = labelChoice(firstLine(dataset), format);
  if (choice.inferred || choice.candidates.length === 0) return undefined;
  const picked = await vscode.window.showQuickPick(choice.candidates, {
    title: `ForgetLens: which column of ${path.basename(dataset)} is the label?`,
    placeHolder: 'No column is called label, target, class or y',
  });
  return picked ?? null;
}

function firstLine(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(256 * 1024);
    const read = fs.readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, read).toString('utf8').split(/\r?\n/, 1)[0];
  } finally {
    fs.closeSync(fd);
  }
}

async function auditForgetSet(ctx: ExtensionContext, uri?: vscode.Uri): Promise<void> {
  if (!requireTrust()) return;
  const s = ctx.settings.current();
  if ((await ctx.store.ensureAll()).length === 0) {
    void vscode.window.showWarningMessage('ForgetLens: audit the dataset first (ForgetLens: Audit Dataset…).');
    return;
  }
  const forgetFile = uri?.fsPath ?? activeIdList() ?? (await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Use as forget set', filters: { 'Id lists': ['txt', 'csv'] } }))?.[0]?.fsPath;
  if (!forgetFile) return;
  const result = await datasetForRequest(ctx, forgetFile);
  if (!result) return;
  const outcome = await ctx.jobs.run(`ForgetLens: auditing forget set ${path.basename(forgetFile)}`, forgetRequest(s, result, forgetFile));
  if (outcome.kind !== 'done') return;
  const loaded = await ctx.store.load(result.datasetPath, result.dir);
  ctx.jobs.idle(...statusOf(loaded));
  AuditPanel.createOrShow(ctx.extensionUri, ctx.store, { tab: 'forget', preserveFocus: true });
}

/**
 * The audited dataset a deletion request is about: the one whose audit holds every requested id;
 * otherwise the user picks among the audited datasets and the data files open in the editor (an
 * unaudited one is audited first).
 */
async function datasetForRequest(ctx: ExtensionContext, forgetFile: string): Promise<LoadedAudit | undefined> {
  let requested: string[];
  try {
    requested = readForgetIds(forgetFile);
  } catch (err) {
    void vscode.window.showErrorMessage(`ForgetLens: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  const audited = await ctx.store.ensureAll();
  const choice = chooseForgetDataset(
    requested,
    audited.map((r) => ({ datasetPath: r.datasetPath, ids: r.byId })),
    ctx.store.active()?.datasetPath,
  );
  if (choice.kind === 'match') return ctx.store.forFile(choice.datasetPath);
  const auditedPaths = new Set(audited.map((r) => r.datasetPath));
  const openFiles = vscode.workspace.textDocuments
    .filter((d) => d.uri.scheme === 'file' && DATA_FILE.test(d.uri.fsPath) && !auditedPaths.has(path.resolve(d.uri.fsPath)))
    .map((d) => path.resolve(d.uri.fsPath));
  const items = [
    ...choice.candidates.map((c) => ({ label: path.basename(c.datasetPath), description: `${c.found} of ${requested.length} requested ids found`, detail: c.datasetPath, datasetPath: c.datasetPath })),
    ...[...new Set(openFiles)].map((f) => ({ label: path.basename(f), description: 'not audited yet: audit it first', detail: f, datasetPath: f })),
  ];
  const picked = await vscode.window.showQuickPick(items, {
    title: `ForgetLens: which dataset is ${path.basename(forgetFile)} about?`,
    placeHolder: choice.candidates.some((c) => c.found === requested.length) ? 'Several audited datasets hold these ids' : 'No audited dataset holds every requested id',
  });
  if (!picked) return undefined;
  if (!auditedPaths.has(picked.datasetPath)) await auditDataset(ctx, vscode.Uri.file(picked.datasetPath));
  return ctx.store.forFile(picked.datasetPath);
}

/** The id list open in the editor, if the active file is one (.txt). */
function activeIdList(): string | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc?.uri.scheme === 'file' && doc.uri.fsPath.toLowerCase().endsWith('.txt') ? doc.uri.fsPath : undefined;
}

/** Append the ids of the rows selected in the editor to `.forgetlens/forget-set.txt`. */
async function addSelectedRows(ctx: ExtensionContext): Promise<void> {
  // It writes to .forgetlens/: nothing is written in Restricted Mode.
  if (!requireTrust()) return;
  const editor = vscode.window.activeTextEditor;
  const result = editor && (await ctx.store.ensureFor(editor.document.uri.fsPath));
  if (!editor || !result) {
    void vscode.window.showWarningMessage('ForgetLens: select rows in an audited CSV/TSV/JSONL file first.');
    return;
  }
  const lines = new Set<number>();
  for (const sel of editor.selections) for (let l = sel.start.line; l <= sel.end.line; l++) lines.add(l + 1);
  const ids = result.samplesOnLines(editor.document.uri.fsPath, lines).map((s) => s.id);
  if (ids.length === 0) {
    void vscode.window.showWarningMessage('ForgetLens: no audited samples start on the selected lines.');
    return;
  }
  const file = path.join(ctx.workspaceRoot, '.forgetlens', 'forget-set.txt');
  const existing = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# ForgetLens forget set: one id per line\n';
  const known = new Set(existing.split(/\r?\n/).map((l) => l.trim()));
  writeFileAtomic(file, existing + ids.filter((id) => !known.has(id)).map((id) => `${id}\n`).join(''));
  void vscode.window.showInformationMessage(`ForgetLens: ${ids.length} ${ids.length === 1 ? 'id' : 'ids'} in ${path.relative(ctx.workspaceRoot, file)}.`, 'Audit Forget Set').then((choice) => {
    if (choice) void vscode.commands.executeCommand('forgetlens.auditForgetSet', vscode.Uri.file(file));
  });
}

async function openSample(ctx: ExtensionContext, id?: string): Promise<void> {
  const result = await ctx.store.ensureActive();
  const sample = id ? result?.byId.get(id) : undefined;
  AuditPanel.createOrShow(ctx.extensionUri, ctx.store, { selectId: id, tab: 'samples' });
  const source = id ? result?.sources.get(id) : undefined;
  if (sample && source && sample.source.line === undefined) await revealSample(sample, source);
}

async function exportReport(ctx: ExtensionContext): Promise<void> {
  const result = await ctx.store.ensureActive();
  if (!result) {
    void vscode.window.showWarningMessage('ForgetLens: there is no result to export yet: audit a dataset first.');
    return;
  }
  const source = result.forget ? path.join(result.dir, 'forget-audit.html') : path.join(result.dir, 'audit.json');
  const target = await vscode.window.showSaveDialog({ defaultUri: vscode.Uri.file(path.join(ctx.workspaceRoot, path.basename(source))), saveLabel: 'Export' });
  if (!target) return;
  writeFileAtomic(target.fsPath, fs.readFileSync(source));
  void vscode.window.showInformationMessage(`ForgetLens: exported ${path.basename(target.fsPath)}.`);
}
