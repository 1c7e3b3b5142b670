import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { sha256File, sha256Files } from '../core/data/hash';
import { listImageFolder } from '../core/data/imageFolder';
import { ForgetReport, validateForgetReport } from '../core/forget/schema';
import { AuditReport, validateAuditReport } from '../core/report/auditSchema';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { AuditSettings, resultDirFor } from './logic/resultPaths';

export interface LoadedResult {
  datasetPath: string;
  dir: string;
  report: AuditReport;
  forget: ForgetReport | null;
  stale: boolean;
}

type Index = Record<string, { dir: string }>;

/**
 * Results under `.forgetlens/` in the workspace, one folder per dataset content + settings, and
 * an index of the latest result per dataset so reopening the window reuses it without recomputing.
 */
export class ResultsStore implements vscode.Disposable {
  private readonly results = new Map<string, LoadedResult>();
  private readonly changed = new vscode.EventEmitter<LoadedResult | undefined>();
  readonly onDidChange = this.changed.event;
  private current: string | undefined;

  constructor(private readonly root: string) {}

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

  async resultDir(datasetPath: string, settings: AuditSettings): Promise<string> {
    const stat = fs.statSync(datasetPath);
    const hash = stat.isDirectory() ? await sha256Files(datasetPath, listImageFolder(datasetPath).map((f) => f.relative)) : await sha256File(datasetPath);
    return resultDirFor(this.root, datasetPath, hash, settings);
  }

  /** Load a finished audit (and a forget audit beside it, if any) and make it the active result. */
  load(datasetPath: string, dir: string): LoadedResult {
    const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'audit.json'), 'utf8')));
    const forgetFile = path.join(dir, 'forget-audit.json');
    const forget = fs.existsSync(forgetFile) ? validateForgetReport(JSON.parse(fs.readFileSync(forgetFile, 'utf8'))) : null;
    const key = path.resolve(datasetPath);
    const result: LoadedResult = { datasetPath: key, dir, report, forget, stale: this.isStale(key, report) };
    this.results.set(key, result);
    this.current = key;
    this.writeIndex(key, dir);
    this.changed.fire(result);
    return result;
  }

  /**
   * Reload every dataset's latest result from the index (window reload, panel revival). The index
   * lists the last loaded result last, so it is the active result again.
   */
  restore(): void {
    for (const [datasetPath, entry] of Object.entries(this.readIndex())) {
      try {
        if (fs.existsSync(path.join(entry.dir, 'audit.json')) && fs.existsSync(datasetPath)) this.load(datasetPath, entry.dir);
      } catch {
        // A result that no longer validates is simply not restored.
      }
    }
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

  private isStale(datasetPath: string, report: AuditReport): boolean {
    try {
      return fs.statSync(datasetPath).mtime.toISOString() > report.createdAt;
    } catch {
      return true;
    }
  }

  private readIndex(): Index {
    try {
      return JSON.parse(fs.readFileSync(this.indexFile, 'utf8')) as Index;
    } catch {
      return {};
    }
  }

  /** The loaded dataset moves to the end: the index's order is the order results were last shown. */
  private writeIndex(datasetPath: string, dir: string): void {
    const { [datasetPath]: _previous, ...others } = this.readIndex();
    writeFileAtomic(this.indexFile, JSON.stringify({ ...others, [datasetPath]: { dir } }, null, 1));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
