import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { checkContent } from './logic/contentCheck';
import { datasetHash } from './logic/datasetHash';
import { LoadedAudit } from './logic/loadedAudit';
import { readResultFiles } from './logic/readResult';
import { yieldToEvents } from './logic/yieldToEvents';
import { IndexEntry, checkIndexEntries, parseIndex, ResultIndex } from './logic/resultIndex';
import { resultDirFor } from './logic/resultPaths';
import type { AuditKey } from './logic/settings';
import { isInside, requireInside, resolveSampleSources } from './logic/trustBoundary';

export interface StoreEnvironment {
  /** Real paths of the workspace folders: results and datasets must be inside one. */
  workspaceFolders(): string[];
  trusted(): boolean;
  log(line: string): void;
  /** What a check found when nothing went wrong (a dataset's content checked after a change on disk). */
  info(line: string): void;
  /** A result from the index could not be loaded when it was first needed. */
  refused(message: string): void;
}

/** After a change on disk, wait this long for more before hashing the dataset again. */
const RECHECK_DELAY_MS = 300;

/**
 * Results under `.forgetlens/` in the workspace, one folder per dataset content + settings, and
 * an index of the latest result per dataset so reopening the window reuses it without recomputing.
 * Reports are read only when needed (a dataset file is shown, the panel opens), asynchronously,
 * and each becomes one LoadedAudit. Everything read from there is untrusted input (a cloned
 * repository can ship it): paths are checked at load, and in Restricted Mode nothing is written.
 */
export class ResultsStore implements vscode.Disposable {
  private readonly results = new Map<string, LoadedAudit>();
  /** Index entries not loaded yet, by dataset path; the last one restored is the active result. */
  private readonly known = new Map<string, IndexEntry>();
  private readonly loading = new Map<string, Promise<LoadedAudit | undefined>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly changed = new vscode.EventEmitter<LoadedAudit | undefined>();
  readonly onDidChange = this.changed.event;
  private current: string | undefined;
  private lastRestored: string | undefined;
  /** Datasets the user chose this session (file dialog, explorer): allowed even outside the workspace. */
  private readonly chosen = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly env: StoreEnvironment,
  ) {}

  get indexFile(): string {
    return path.join(this.root, '.forgetlens', 'index.json');
  }

  active(): LoadedAudit | undefined {
    return this.current ? this.results.get(this.current) : undefined;
  }

  all(): LoadedAudit[] {
    return [...this.results.values()];
  }

  forFile(file: string): LoadedAudit | undefined {
    const target = path.resolve(file);
    return this.all().find((r) => isInside(target, r.datasetPath));
  }

  /** Remember that the user picked this dataset, so its result may be shown wherever it lives. */
  choose(datasetPath: string): void {
    this.chosen.add(path.resolve(datasetPath));
  }

  async resultDir(datasetPath: string, key: AuditKey): Promise<string> {
    return resultDirFor(this.root, datasetPath, await datasetHash(datasetPath), key);
  }

  /**
   * Load a finished audit (and a forget audit beside it, if any) and make it the active result.
   * Throws OutsideWorkspaceError when the result folder, the dataset or a sample's source is not
   * where it may be.
   */
  async load(datasetPath: string, dir: string): Promise<LoadedAudit> {
    const result = await this.read(path.resolve(datasetPath), dir);
    this.known.delete(result.datasetPath);
    this.current = result.datasetPath;
    this.writeIndex(result.datasetPath, result.dir);
    this.changed.fire(result);
    return result;
  }

  /**
   * Take note of every dataset's latest result from the index (window reload, panel revival),
   * reading no report: each is loaded when first needed. Returns what was refused, one clear
   * message each.
   */
  restore(): string[] {
    const { accepted, refused } = checkIndexEntries(this.readIndex(), this.root, this.env.workspaceFolders());
    for (const entry of accepted) {
      this.known.set(entry.datasetPath, entry);
      this.lastRestored = entry.datasetPath;
    }
    for (const message of refused) this.env.log(`results: ${message}`);
    return refused;
  }

  /** Load the restored result of the dataset `file` belongs to, if there is one not loaded yet. */
  async ensureFor(file: string): Promise<LoadedAudit | undefined> {
    const target = path.resolve(file);
    const entry = [...this.known.values()].find((e) => isInside(target, e.datasetPath));
    return entry ? this.loadRestored(entry) : this.forFile(target);
  }

  /** The active result, loading the one the index lists last when none is loaded yet. */
  async ensureActive(): Promise<LoadedAudit | undefined> {
    const entry = this.current === undefined && this.lastRestored ? this.known.get(this.lastRestored) : undefined;
    if (entry) await this.loadRestored(entry);
    return this.active();
  }

  /** Every result, the restored ones loaded (a forget set is matched against all of them). */
  async ensureAll(): Promise<LoadedAudit[]> {
    for (const entry of [...this.known.values()]) await this.loadRestored(entry);
    return this.all();
  }

  markStale(file: string): void {
    this.setStale(this.forFile(file), true);
  }

  clear(): void {
    this.results.clear();
    this.known.clear();
    this.current = undefined;
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.changed.fire(undefined);
  }

  private loadRestored(entry: IndexEntry): Promise<LoadedAudit | undefined> {
    let pending = this.loading.get(entry.datasetPath);
    if (!pending) {
      pending = this.readRestored(entry).finally(() => this.loading.delete(entry.datasetPath));
      this.loading.set(entry.datasetPath, pending);
    }
    return pending;
  }

  private async readRestored(entry: IndexEntry): Promise<LoadedAudit | undefined> {
    if (!fs.existsSync(path.join(entry.dir, 'audit.json')) || !fs.existsSync(entry.datasetPath)) {
      this.known.delete(entry.datasetPath);
      return undefined;
    }
    try {
      const result = await this.read(entry.datasetPath, entry.dir);
      this.known.delete(entry.datasetPath);
      if (this.current === undefined && entry.datasetPath === this.lastRestored) this.current = entry.datasetPath;
      this.changed.fire(result);
      return result;
    } catch (err) {
      this.known.delete(entry.datasetPath);
      const message = err instanceof Error ? err.message : String(err);
      this.env.log(`results: ${message}`);
      this.env.refused(message);
      return undefined;
    }
  }

  private async read(datasetPath: string, dir: string): Promise<LoadedAudit> {
    const folders = this.env.workspaceFolders();
    const realDir = requireInside(dir, [...folders, path.join(this.root, '.forgetlens')], 'result folder');
    requireInside(datasetPath, [...folders, ...this.chosen], 'dataset');
    const { report, forget } = await readResultFiles(realDir);
    await yieldToEvents();
    const sources = resolveSampleSources(report.samples, datasetPath, path.join(realDir, 'audit.json'));
    const isFolder = (await fs.promises.stat(datasetPath)).isDirectory();
    await yieldToEvents();
    const result = await LoadedAudit.build({ datasetPath, dir: realDir, report, forget, sources, isFolder });
    this.results.set(datasetPath, result);
    this.watch(result);
    void this.checkStaleness(result);
    return result;
  }

  /** Saved edits, a file replaced by git, images added: the content hash decides. */
  private watch(result: LoadedAudit): void {
    this.watchers.get(result.datasetPath)?.dispose();
    const pattern = result.isFolder
      ? new vscode.RelativePattern(vscode.Uri.file(result.datasetPath), '**/*')
      : new vscode.RelativePattern(vscode.Uri.file(path.dirname(result.datasetPath)), path.basename(result.datasetPath));
    const watcher = vscode.workspace.createFileSystemWatcher(pattern);
    let timer: NodeJS.Timeout | undefined;
    const recheck = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.checkStaleness(result, true), RECHECK_DELAY_MS);
    };
    const subscriptions = [watcher, watcher.onDidChange(recheck), watcher.onDidCreate(recheck), watcher.onDidDelete(recheck)];
    this.watchers.set(result.datasetPath, { dispose: () => (clearTimeout(timer), subscriptions.forEach((s) => s.dispose())) });
  }

  /**
   * Stale exactly when the dataset's content no longer has the hash the audit recorded. After a
   * change on disk the log says what the check found: a save that keeps an edit changes nothing
   * on screen, since the result was stale already.
   */
  private async checkStaleness(result: LoadedAudit, afterChange = false): Promise<void> {
    const check = await checkContent(result.datasetPath, result.report.dataset.sha256);
    if (this.results.get(result.datasetPath) !== result) return;
    this.setStale(result, check.stale);
    if (afterChange) this.env.info(check.line);
  }

  private setStale(result: LoadedAudit | undefined, stale: boolean): void {
    if (!result || result.stale === stale) return;
    result.stale = stale;
    this.changed.fire(result);
  }

  private readIndex(): ResultIndex {
    if (!fs.existsSync(this.indexFile)) return {};
    try {
      return parseIndex(fs.readFileSync(this.indexFile, 'utf8'), this.indexFile);
    } catch (err) {
      this.env.log(`results: ${err instanceof Error ? err.message : String(err)}; no result restored`);
      return {};
    }
  }

  /** The loaded dataset moves to the end: the index's order is the order results were last shown. */
  private writeIndex(datasetPath: string, dir: string): void {
    if (!this.env.trusted()) return;
    const { [datasetPath]: _previous, ...others } = this.readIndex();
    writeFileAtomic(this.indexFile, JSON.stringify({ ...others, [datasetPath]: { dir } }, null, 1));
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.watchers.clear();
    this.changed.dispose();
  }
}
