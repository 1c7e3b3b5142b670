import * as path from 'node:path';
import type { ForgetReport } from '../../core/forget/schema';
import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import type { SampleRow } from '../../protocol/webview';
import { LineAnnotation, planLineAnnotations, resolveSource } from './annotationPlan';
import { HARD_FROM, MODERATE_FROM } from './reasonText';
import { toRows } from './reportViews';

/** The "Hard to forget" tree lists at most this many samples. */
export const TREE_LIMIT = 200;

export interface LoadedAuditInput {
  /** Resolved path of the dataset (file or folder). */
  datasetPath: string;
  /** Real path of the result folder. */
  dir: string;
  report: AuditReport;
  forget: ForgetReport | null;
  /** Sample id → the real path of its source, checked inside the dataset. */
  sources: Map<string, string>;
  /** The dataset is a folder (images): rows carry the image's path inside it. */
  isFolder: boolean;
}

/**
 * One audit result as the editor uses it, built once per load: lookups by id and by file line,
 * the panel rows, the image badges and the tree, so events and hovers only read maps. Annotation
 * plans are kept per file and top-N, since a hover asks for one on every mouse move.
 */
export class LoadedAudit {
  readonly datasetPath: string;
  readonly dir: string;
  readonly report: AuditReport;
  readonly forget: ForgetReport | null;
  readonly sources: Map<string, string>;
  readonly isFolder: boolean;
  /** The dataset's content no longer has the hash the audit recorded (or it has unsaved edits). */
  stale = false;
  readonly byId: Map<string, AuditSample>;
  /** Resolved source file of table samples → 1-based line → sample. */
  readonly lines: Map<string, Map<number, AuditSample>>;
  readonly rows: SampleRow[];
  /** Image file (as the report names it, resolved, and its real path) → sample at least moderately hard. */
  readonly imageBadges: Map<string, AuditSample>;
  /** The hardest samples, for the tree view. */
  readonly hardest: AuditSample[];
  private readonly plans = new Map<string, { plan: LineAnnotation[]; byLine: Map<number, LineAnnotation> }>();

  constructor(input: LoadedAuditInput) {
    this.datasetPath = input.datasetPath;
    this.dir = input.dir;
    this.report = input.report;
    this.forget = input.forget;
    this.sources = input.sources;
    this.isFolder = input.isFolder;
    const baseDir = path.dirname(input.datasetPath);
    this.byId = new Map();
    this.lines = new Map();
    this.imageBadges = new Map();
    this.hardest = [];
    const sourceDirs = new Map<string, string>();
    for (const sample of input.report.samples) {
      this.byId.set(sample.id, sample);
      // Many samples share a file: resolve each distinct name once.
      let file = sourceDirs.get(sample.source.file);
      if (file === undefined) sourceDirs.set(sample.source.file, (file = resolveSource(sample.source.file, baseDir)));
      if (sample.source.line !== undefined) {
        let byLine = this.lines.get(file);
        if (!byLine) this.lines.set(file, (byLine = new Map()));
        byLine.set(sample.source.line, sample);
      } else if (sample.difficulty >= MODERATE_FROM) {
        // Explorer URIs carry the workspace's path, which may differ from the real one by a symlink.
        this.imageBadges.set(file, sample);
        const real = input.sources.get(sample.id);
        if (real) this.imageBadges.set(real, sample);
      }
      if (sample.difficulty >= HARD_FROM && this.hardest.length < TREE_LIMIT) this.hardest.push(sample);
    }
    this.rows = toRows(input.report, input.forget, input.isFolder ? input.datasetPath : undefined);
  }

  /** The samples that start on these 1-based lines of `file`, in line order. */
  samplesOnLines(file: string, lines: Iterable<number>): AuditSample[] {
    const byLine = this.lines.get(path.resolve(file));
    if (!byLine) return [];
    return [...new Set(lines)].sort((a, b) => a - b).flatMap((l) => byLine.get(l) ?? []);
  }

  /** The end-of-line annotations of `file`, computed once per file and top-N. */
  annotationPlan(file: string, topN: number): LineAnnotation[] {
    return this.cachedPlan(file, topN).plan;
  }

  /** The annotation on a 0-based line of `file`, if it has one. */
  annotationAt(file: string, topN: number, line: number): LineAnnotation | undefined {
    return this.cachedPlan(file, topN).byLine.get(line);
  }

  private cachedPlan(file: string, topN: number): { plan: LineAnnotation[]; byLine: Map<number, LineAnnotation> } {
    const target = path.resolve(file);
    const key = `${topN}\u0000${target}`;
    let cached = this.plans.get(key);
    if (!cached) {
      // Files with no table sample (the id list, another CSV) get an empty plan without a scan.
      const plan = this.lines.has(target) ? planLineAnnotations(this.report, path.dirname(this.datasetPath), target, topN, this.forget) : [];
      cached = { plan, byLine: new Map(plan.map((a) => [a.line, a])) };
      this.plans.set(key, cached);
    }
    return cached;
  }
}
