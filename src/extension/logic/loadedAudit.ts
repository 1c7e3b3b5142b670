import * as path from 'node:path';
import type { ForgetReport } from '../../core/forget/schema';
import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import type { SampleRow } from '../../protocol/webview';
import { LineAnnotation, planLineAnnotations, resolveSource } from './annotationPlan';
import { HARD_FROM, MODERATE_FROM } from './reasonText';
import { SAMPLES_PER_STEP } from './reportJson';
import { toRows } from './reportViews';
import { yieldToEvents } from './yieldToEvents';

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
 * One audit result as the editor uses it, built once per load (in steps, off the hot path): lookups by id and by file line,
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

  /** Built by LoadedAudit.build, which fills the maps a step of samples at a time. */
  private constructor(input: LoadedAuditInput) {
    this.datasetPath = input.datasetPath;
    this.dir = input.dir;
    this.report = input.report;
    this.forget = input.forget;
    this.sources = input.sources;
    this.isFolder = input.isFolder;
    this.byId = new Map();
    this.lines = new Map();
    this.imageBadges = new Map();
    this.hardest = [];
    this.rows = [];
  }

  /** Index every sample, yielding to other events between steps of `step` samples. */
  static async build(input: LoadedAuditInput, step = SAMPLES_PER_STEP): Promise<LoadedAudit> {
    const audit = new LoadedAudit(input);
    const baseDir = path.dirname(input.datasetPath);
    // Many samples share a file: resolve each distinct name once.
    const resolved = new Map<string, string>();
    const samples = input.report.samples;
    for (let start = 0; start < samples.length; start += step) {
      const slice = samples.slice(start, start + step);
      for (const sample of slice) {
        let file = resolved.get(sample.source.file);
        if (file === undefined) resolved.set(sample.source.file, (file = resolveSource(sample.source.file, baseDir)));
        audit.add(sample, file);
      }
      for (const row of toRows({ ...input.report, samples: slice }, input.forget, input.isFolder ? input.datasetPath : undefined)) audit.rows.push(row);
      await yieldToEvents();
    }
    return audit;
  }

  private add(sample: AuditSample, file: string): void {
    this.byId.set(sample.id, sample);
    if (sample.source.line !== undefined) {
      let byLine = this.lines.get(file);
      if (!byLine) this.lines.set(file, (byLine = new Map()));
      byLine.set(sample.source.line, sample);
    } else if (sample.difficulty >= MODERATE_FROM) {
      // Explorer URIs carry the workspace's path, which may differ from the real one by a symlink.
      this.imageBadges.set(file, sample);
      const real = this.sources.get(sample.id);
      if (real) this.imageBadges.set(real, sample);
    }
    if (sample.difficulty >= HARD_FROM && this.hardest.length < TREE_LIMIT) this.hardest.push(sample);
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
