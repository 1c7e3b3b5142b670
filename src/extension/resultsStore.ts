import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ForgetReport, validateForgetReport } from '../core/forget/schema';
import { AuditReport, validateAuditReport } from '../core/report/auditSchema';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { datasetHash } from './logic/datasetHash';
import { checkIndexEntries, parseIndex, ResultIndex } from './logic/resultIndex';
import { resultDirFor } from './logic/resultPaths';
import type { AuditKey } from './logic/settings';
import { requireInside, resolveSampleSources } from './logic/trustBoundary';

export interface LoadedResult {
  datasetPath: string;
  dir: string;
  report: AuditReport;
  forget: ForgetReport | null;
  stale: boolean;
  /** Sample id → the real path of its source, checked inside the dataset at load. */
  sources: Map<string, string>;
}

export interface StoreEnvironment {
  /** Real paths of the workspace folders: results and datasets must be inside one. */
  workspaceFolders(): string[];
  trusted(): boolean;
  log(line: string): void;
}

/**
 * Results under `.forgetlens/` in the workspace, one folder per dataset content + settings, and
 * an index of the latest result per dataset so reopening the window reuses it without recomputing.
 * Everything read from there is untrusted input (a cloned repository can ship it): paths are
 * checked at load, and in Restricted Mode nothing is written.
 */
export class ResultsStore implements vscode.Disposable {
  private readonly results = new Map<string, LoadedResult>();
  private readonly changed = new vscode.EventEmitter<LoadedResult | undefined>();
  readonly onDidChange = this.changed.event;
  private current: string | undefined;
  /** Datasets the user chose this session (file dialog, explorer): allowed even outside the workspace. */
  private readonly chosen = new Set<string>();

  constructor(
    private readonly root: string,
    private readonly env: StoreEnvironment,
  ) {}

  get indexFile(): string {
    return path.join(this.root, '.forgetlens', 'index.json');
  }

  active(): LoadedResult | undefined {
    return this.current ? this.results.get(this.current) : undefined;
  }

  all(): LoadedResult[] {
    return [...this.results.values()];
  }

  forFile(file: string): LoadedResult | undefined {
    const target = path.resolve(file);
    return this.all().find((r) => r.datasetPath === target || target.startsWith(r.datasetPath + path.sep));
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
  load(datasetPath: string, dir: string): LoadedResult {
    const folders = this.env.workspaceFolders();
    const key = path.resolve(datasetPath);
    const realDir = requireInside(dir, [...folders, path.join(this.root, '.forgetlens')], 'result folder');
    requireInside(key, [...folders, ...this.chosen], 'dataset');
    const auditFile = path.join(realDir, 'audit.json');
    const report = validateAuditReport(JSON.parse(fs.readFileSync(auditFile, 'utf8')));
    const sources = resolveSampleSources(report.samples, key, auditFile);
    const forgetFile = path.join(realDir, 'forget-audit.json');
    const forget = fs.existsSync(forgetFile) ? validateForgetReport(JSON.parse(fs.readFileSync(forgetFile, 'utf8'))) : null;
    const result: LoadedResult = { datasetPath: key, dir: realDir, report, forget, stale: false, sources };
    this.results.set(key, result);
    this.current = key;
    this.writeIndex(key, realDir);
    this.changed.fire(result);
    void this.checkStaleness(result);
    return result;
  }

  /**
   * Reload every dataset's latest result from the index (window reload, panel revival). The index
   * lists the last loaded result last, so it is the active result again. Returns what was refused,
   * one clear message each.
   */
  restore(): string[] {
    const { accepted, refused } = checkIndexEntries(this.readIndex(), this.root, this.env.workspaceFolders());
    for (const entry of accepted) {
      try {
        if (fs.existsSync(path.join(entry.dir, 'audit.json')) && fs.existsSync(entry.datasetPath)) this.load(entry.datasetPath, entry.dir);
      } catch (err) {
        refused.push(err instanceof Error ? err.message : String(err));
      }
    }
    for (const message of refused) this.env.log(`results: ${message}`);
    return refused;
  }

  markStale(file: string): void {
    const result = this.forFile(file);
    if (result && !result.stale) {
      result.stale = true;
      this.changed.fire(result);
    }
  }

  clear(): void {
    this.results.clear();
    this.current = undefined;
    this.changed.fire(undefined);
  }

  /** Stale when the dataset's content no longer has the hash the audit recorded. */
  private async checkStaleness(result: LoadedResult): Promise<void> {
    let stale: boolean;
    try {
      stale = (await datasetHash(result.datasetPath)) !== result.report.dataset.sha256;
    } catch {
      stale = true;
    }
    if (stale && !result.stale) {
      result.stale = true;
      this.changed.fire(result);
    }
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
    this.changed.dispose();
  }
}
