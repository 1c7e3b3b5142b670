import type { AuditReport, AuditSample } from '../../core/report/auditSchema';
import type { ReportMeta, SampleDetail, SampleRow } from '../../protocol/webview';

/** The table row of each sample: only what the panel lists, sorts and filters by. */
export function toRows(report: AuditReport): SampleRow[] {
  return report.samples.map((s) => ({
    id: s.id,
    rank: s.rank,
    label: s.label,
    split: s.split,
    difficulty: s.difficulty,
    reason: s.reasons[0] ?? '',
    memorization: s.factors.memorization,
    confidence: s.factors.confidence,
    similarCount: s.factors.similarCount,
    entanglement: s.factors.entanglement,
    labelDisagreement: s.factors.labelDisagreement,
    preview: s.preview,
    file: s.source.file,
    ...(s.source.line ? { line: s.source.line } : {}),
  }));
}

export function toMeta(report: AuditReport, stale: boolean): ReportMeta {
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
  };
}

export function toDetail(sample: AuditSample): SampleDetail {
  const { similarIds, similarities, ...factors } = sample.factors;
  return {
    id: sample.id,
    label: sample.label,
    difficulty: sample.difficulty,
    reasons: sample.reasons,
    contributions: sample.contributions,
    factors,
    similar: similarIds.map((id, k) => ({ id, similarity: similarities[k] })),
  };
}

/** Plain-text hover / tooltip breakdown of one sample (rendered as Markdown by the caller, escaped). */
export function breakdownLines(sample: AuditSample): string[] {
  const f = sample.factors;
  const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));
  return [
    `difficulty ${sample.difficulty.toFixed(2)} (rank ${sample.rank})`,
    ...sample.reasons.map((r) => `• ${r}`),
    `memorization ${fmt(f.memorization)} · confidence ${fmt(f.confidence)} · entanglement ${fmt(f.entanglement)}`,
    `near-duplicates ${f.similarCount}${f.similarCountCapped ? '+' : ''} · label disagreement ${fmt(f.labelDisagreement)} · loss ${fmt(f.loss)} · margin ${fmt(f.margin)}`,
  ];
}
