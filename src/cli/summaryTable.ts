import { headMemorizationNote, memorizedCountText } from '../core/factors/memorizationScale';
import { AuditReport } from '../core/report/auditSchema';
import { calibratedCountWords } from '../protocol/calibratedCounts';

/** The hardest samples as a plain-text table for the terminal. */
export function formatSummary(report: AuditReport, top: number): string {
  const lines: string[] = [];
  const m = report.model;
  lines.push(
    `ForgetLens audit of ${report.dataset.path}: ${report.dataset.rows} samples, ${report.dataset.features} features, ${report.dataset.classes.length} classes`,
  );
  lines.push(
    `model: ${m.architecture} on ${m.backend}; train accuracy ${pct(m.trainAccuracy)}` +
      (m.testAccuracy === null ? '' : `, test accuracy ${pct(m.testAccuracy)} (${m.testSource}, ${m.testSamples} samples)`),
  );
  lines.push(
    `${report.summary.hard} hard to forget (difficulty ≥ 0.5), ${calibratedCountWords(report.summary).map((w) => `${w}, `).join('')}${report.summary.withSimilarSamples} with near-duplicates, ${report.summary.withLabelConflicts ? `${report.summary.withLabelConflicts} with a near-copy under another label, ` : ''}${memorizedCountText(report)}; mode ${report.settings.mode}`,
  );
  const note = headMemorizationNote(report);
  if (note) lines.push(note);
  lines.push('');
  const rows = report.samples.slice(0, top).map((s) => [
    String(s.rank),
    truncate(s.id, 16),
    truncate(s.label, 12),
    s.difficulty.toFixed(2),
    truncate(s.source.line ? `${baseName(s.source.file)}:${s.source.line}` : report.dataset.format === 'idx' ? `image #${s.id}` : baseName(s.source.file), 24),
    s.reasons[0],
  ]);
  const header = ['rank', 'id', 'label', 'difficulty', 'where', 'main reason'];
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (c === 5 ? 0 : r[c].length))));
  const format = (r: string[]) => r.map((cell, c) => (c === 5 ? cell : cell.padEnd(widths[c]))).join('  ');
  lines.push(format(header));
  lines.push(format(widths.map((w, c) => '-'.repeat(c === 5 ? 11 : w))));
  for (const r of rows) lines.push(format(r));
  return lines.join('\n');
}

function pct(v: number): string {
  return `${(v * 100).toFixed(1)}%`;
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}
