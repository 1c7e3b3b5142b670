import * as path from 'node:path';
import { carrierRetrainText } from '../../core/forget/carrierText';
import { labelConflictText, labelConflictsOf } from '../../core/forget/labelConflicts';
import type { ForgetReport } from '../../core/forget/schema';
import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import { MEMORIZATION_NAMES, memorizationScaleOf, percentiles } from '../../core/factors/memorizationScale';
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
  const ranks = memorizationRanks(report);
  return report.samples.map((s, i) => {
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
      memorizationPercentile: ranks[i],
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
    memorizationScale: memorizationScaleOf(report),
    stale,
    createdAt: report.createdAt,
    ...extra,
  };
}

/** `scale`: which model's memorization this is; `labelOf`: another sample's label by id (for its label conflicts). */
export function toDetail(sample: AuditSample, scale: 'model' | 'head' = 'model', labelOf: (id: string) => string | undefined = () => undefined): SampleDetail {
  const { similarIds, similarities, labelConflictIds: _ids, labelConflictSimilarities: _sims, ...factors } = sample.factors;
  const conflicts = labelConflictsOf(sample, labelOf);
  return {
    id: sample.id,
    label: sample.label,
    difficulty: sample.difficulty,
    reasons: reasonsInWords(sample),
    memorization: memorizationText(scale, sample.factors.memorization, sample.factors.memorizationPercentile),
    ...(predictionsOf(sample) ? { predictions: { ...predictionsOf(sample)!, setsDifficulty: sample.drivenBy !== undefined && sample.drivenBy !== 'composite' } } : {}),
    contributions: sample.contributions,
    factors,
    similar: similarIds.map((id, k) => ({ id, similarity: similarities[k] })),
    ...(conflicts.length ? { labelConflicts: conflicts.map((c) => ({ id: c.id, label: c.label, text: labelConflictText(c) })) } : {}),
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
      ...(s.labelConflicts?.length ? { labelConflicts: s.labelConflicts.map((c) => ({ id: c.id, text: labelConflictText({ ...c, similarity: c.similarity ?? NaN }) })) } : {}),
    })),
    ...(forget.carrierRetrain ? { carrierCost: carrierRetrainText(forget) } : {}),
    counts,
    alsoConsiderDeleting: forget.summary.alsoConsiderDeleting,
    rum: forget.rum ? { rum: method(forget.rum.rum), control: method(forget.rum.control), recipe: forget.rum.recipe, estimate: forget.rum.estimate, tierSizes: forget.rum.tierSizes } : null,
    htmlReport,
  };
}

/** Each sample's memorization percentile: the report's, or computed for audits from before it had one. */
function memorizationRanks(report: AuditReport): Array<number | null> {
  if (report.samples.every((s) => s.factors.memorizationPercentile !== undefined)) return report.samples.map((s) => s.factors.memorizationPercentile ?? null);
  return percentiles(report.samples.map((s) => s.factors.memorization));
}

/** "head memorization 0.06 (above 97% of samples)": a head's value means something only by rank. */
export function memorizationText(scale: 'model' | 'head', value: number | null, percentile: number | null | undefined): string {
  const shown = value === null ? 'n/a' : value.toFixed(2);
  const rank = scale === 'head' && percentile !== null && percentile !== undefined ? ` (above ${Math.floor(percentile * 100)}% of samples)` : '';
  return `${MEMORIZATION_NAMES[scale]} ${shown}${rank}`;
}

/** Plain-text hover / tooltip breakdown of one sample (rendered as Markdown by the caller, escaped). */
export function breakdownLines(sample: AuditSample, scale: 'model' | 'head' = 'model'): string[] {
  const f = sample.factors;
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  return [
    `${difficultyLevel(sample.difficulty)}: difficulty ${sample.difficulty.toFixed(2)} (rank ${sample.rank})`,
    ...(predictionsOf(sample) ? [predictionLine(sample)] : []),
    ...reasonsInWords(sample).map((r) => `• ${r}`),
    `${memorizationText(scale, f.memorization, f.memorizationPercentile)} · confidence ${fmt(f.confidence)} · entanglement ${fmt(f.entanglement)}`,
    `near-duplicates ${f.similarCount}${f.similarCountCapped ? '+' : ''} · label disagreement ${fmt(f.labelDisagreement)} · loss ${fmt(f.loss)} · margin ${fmt(f.margin)}`,
  ];
}
