import * as path from 'node:path';
import { carrierRetrainText } from '../../core/forget/carrierText';
import type { ForgetReport } from '../../core/forget/schema';
import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import { ForgetMethod, ForgetSummary, ReportMeta, SampleDetail, SampleRow, VERDICTS, Verdict } from '../../protocol/webview';
import { resolveSource } from './annotationPlan';
import { difficultyLevel, predictionLine, predictionsOf, reasonsInWords } from './reasonText';

const IMAGE_FILE = /\.(png|jpe?g)$/i;

/**
 * The table row of each sample: only what the panel lists, sorts and filters by, plus the
 * forget-set verdict and, for image folders, the image's path inside the dataset folder.
 */
export function toRows(report: AuditReport, forget: ForgetReport | null = null, datasetPath?: string): SampleRow[] {
  const verdicts = new Map((forget?.samples ?? []).map((s) => [s.id, s.verdict]));
  return report.samples.map((s) => {
    const verdict = verdicts.get(s.id);
    const image = datasetPath ? imageInDataset(s, datasetPath) : undefined;
    return {
      id: s.id,
      rank: s.rank,
      label: s.label,
      split: s.split,
      difficulty: s.difficulty,
      reason: reasonsInWords(s)[0] ?? '',
      residualRisk: s.factors.residualRisk ?? null,
      persistence: s.factors.persistence ?? null,
      memorization: s.factors.memorization,
      confidence: s.factors.confidence,
      similarCount: s.factors.similarCount,
      entanglement: s.factors.entanglement,
      labelDisagreement: s.factors.labelDisagreement,
      preview: s.preview,
      file: s.source.file,
      ...(s.source.line ? { line: s.source.line } : {}),
      ...(verdict ? { verdict } : {}),
      ...(image ? { image } : {}),
    };
  });
}

/**
 * An image sample's path inside the dataset folder, '/'-separated, or undefined when the sample is
 * not an image or its file lies outside the folder (the panel may only load files below it).
 */
export function imageInDataset(sample: AuditSample, datasetPath: string): string | undefined {
  if (sample.source.line !== undefined || !IMAGE_FILE.test(sample.source.file)) return undefined;
  const absolute = resolveSource(sample.source.file, path.dirname(datasetPath));
  const relative = path.relative(datasetPath, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

export function toMeta(report: AuditReport, stale: boolean, extra: Pick<ReportMeta, 'thumbnailRoot' | 'notices'> = { thumbnailRoot: null, notices: [] }): ReportMeta {
  return {
    datasetPath: report.dataset.path,
    rows: report.dataset.rows,
    features: report.dataset.features,
    classes: report.dataset.classes,
    mode: report.settings.mode,
    backend: report.model.backend,
    trainAccuracy: report.model.trainAccuracy,
    testAccuracy: report.model.testAccuracy,
    summary: report.summary,
    stale,
    createdAt: report.createdAt,
    ...extra,
  };
}

export function toDetail(sample: AuditSample): SampleDetail {
  const { similarIds, similarities, ...factors } = sample.factors;
  return {
    id: sample.id,
    label: sample.label,
    difficulty: sample.difficulty,
    reasons: reasonsInWords(sample),
    ...(predictionsOf(sample) ? { predictions: predictionsOf(sample)! } : {}),
    contributions: sample.contributions,
    factors,
    similar: similarIds.map((id, k) => ({ id, similarity: similarities[k] })),
  };
}

/** What the forget-set tab shows: methods (RUM and its control last), verdicts, and what else to delete. */
export function toForgetSummary(forget: ForgetReport, htmlReport: string | null): ForgetSummary {
  const method = (a: ForgetReport['algorithms'][number]): ForgetMethod => ({ name: a.name, tow: a.tow, towMia: a.towMia, mia: a.mia, relativeTime: a.relativeTime, forgetAcc: a.forgetAcc });
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>;
  for (const s of forget.samples) counts[s.verdict]++;
  return {
    text: forget.summary.text,
    methods: [...forget.algorithms, ...(forget.rum ? [forget.rum.rum, forget.rum.control] : [])].map(method),
    verdicts: forget.samples.map((s) => ({
      id: s.id,
      verdict: s.verdict,
      evidence: s.evidence,
      carriers: (s.carriers ?? []).filter((c) => c.confirmed).map((c) => ({ id: c.id, why: c.why })),
      nearDuplicates: (s.similarInRetain ?? []).map((d) => d.id),
    })),
    ...(forget.carrierRetrain ? { carrierCost: carrierRetrainText(forget) } : {}),
    counts,
    alsoConsiderDeleting: forget.summary.alsoConsiderDeleting,
    rum: forget.rum ? { rum: method(forget.rum.rum), control: method(forget.rum.control), recipe: forget.rum.recipe, estimate: forget.rum.estimate, tierSizes: forget.rum.tierSizes } : null,
    htmlReport,
  };
}

/** Plain-text hover / tooltip breakdown of one sample (rendered as Markdown by the caller, escaped). */
export function breakdownLines(sample: AuditSample): string[] {
  const f = sample.factors;
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  return [
    `${difficultyLevel(sample.difficulty)}: difficulty ${sample.difficulty.toFixed(2)} (rank ${sample.rank})`,
    ...(predictionsOf(sample) ? [predictionLine(sample)] : []),
    ...reasonsInWords(sample).map((r) => `• ${r}`),
    `memorization ${fmt(f.memorization)} · confidence ${fmt(f.confidence)} · entanglement ${fmt(f.entanglement)}`,
    `near-duplicates ${f.similarCount}${f.similarCountCapped ? '+' : ''} · label disagreement ${fmt(f.labelDisagreement)} · loss ${fmt(f.loss)} · margin ${fmt(f.margin)}`,
  ];
}
