import * as path from 'node:path';
import type { ForgetReport } from '../../core/forget/schema';
import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import { memorizedCountText } from '../../core/factors/memorizationScale';
import { calibratedCountWords } from '../../protocol/calibratedCounts';
import { MODERATE_FROM, difficultyLevel, predictionsOf, reasonsInWords, shortDriver } from './reasonText';

export interface LineAnnotation {
  /** 0-based line in the document. */
  line: number;
  sample: AuditSample;
  text: string;
}

/** Minimum difficulty for a row to get an end-of-line annotation: only what is worth a look. */
export const ANNOTATE_FROM = MODERATE_FROM;

/**
 * The rows of `filePath` to annotate: the hardest `topN` samples that come from that file and are
 * at least moderately hard. Matching is by resolved path, so relative report paths still match.
 */
export function planLineAnnotations(report: AuditReport, reportDir: string, filePath: string, topN: number, forget?: ForgetReport | null): LineAnnotation[] {
  const target = path.resolve(filePath);
  const inFile = (sample: AuditSample) => sample.source.line !== undefined && resolveSource(sample.source.file, reportDir) === target;
  const verdicts = new Map((forget?.samples ?? []).map((s) => [s.id, s]));
  const out: LineAnnotation[] = [];
  const annotated = new Set<string>();
  // Requested (forget-set) rows always show their verdict; then the hardest rows.
  for (const sample of report.samples) {
    const verdict = verdicts.get(sample.id);
    if (!verdict || !inFile(sample)) continue;
    out.push({ line: sample.source.line! - 1, sample, text: verdictText(verdict.verdict, verdict.evidence) });
    annotated.add(sample.id);
  }
  let hardest = 0;
  for (const sample of report.samples) {
    if (hardest >= topN || sample.difficulty < ANNOTATE_FROM) break;
    if (annotated.has(sample.id) || !inFile(sample)) continue;
    out.push({ line: sample.source.line! - 1, sample, text: endOfLineText(sample) });
    hardest++;
  }
  return out;
}

export function verdictText(verdict: string, evidence: string): string {
  const short = evidence.length > 70 ? `${evidence.slice(0, 69)}…` : evidence;
  return `⊘ deletion request: ${verdict} · ${short}`;
}

export function endOfLineText(sample: AuditSample): string {
  const reason = shortDriver(sample) ?? reasonsInWords(sample)[0] ?? '';
  const short = reason.length > 70 ? `${reason.slice(0, 69)}…` : reason;
  const p = predictionsOf(sample);
  const both = p ? ` · risk ${p.residualRisk.toFixed(2)}, persistence ${p.persistence.toFixed(2)}` : '';
  return `◆ ${difficultyLevel(sample.difficulty)} ${sample.difficulty.toFixed(2)} · ${short}${both}`;
}

/** Report source paths are as given to the audit (often relative to where it ran). */
export function resolveSource(file: string, baseDir: string): string {
  return path.isAbsolute(file) ? path.normalize(file) : path.resolve(baseDir, file);
}

/** One-line CodeLens summary for the top of the dataset file. */
export function codeLensTitle(report: AuditReport, stale: boolean): string {
  const s = report.summary;
  const calibrated = calibratedCountWords(s).map((w) => ` · ${w}`).join('');
  return `ForgetLens: ${s.hard} of ${report.dataset.rows} hard to forget (difficulty ≥ 0.5)${calibrated} · ${s.withSimilarSamples} with near-duplicates · ${memorizedCountText(report)}${stale ? ' · stale: the file changed since the audit' : ''}`;
}
