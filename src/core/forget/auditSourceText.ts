import { ForgetReport } from './schema';

/** The reports' provenance line on the per-sample audit: reused from which file, or run now, and its settings. */
export function auditSourceText(r: Pick<ForgetReport, 'auditSource'>): string | null {
  const source = r.auditSource;
  if (!source) return null;
  const s = source.settings;
  const settings = [
    `mode ${s.mode}${s.k !== null && s.mode === 'thorough' ? ` (k ${s.k})` : ''}`,
    `seed ${s.seed}`,
    `test fraction ${s.testFraction}`,
    `near-duplicate similarity ${similarityText(s.similarity)}`,
    `${s.neighbours} neighbours`,
  ].join(', ');
  return source.origin === 'reused'
    ? `per-sample audit: reused ${source.path} (written ${source.createdAt}; ${settings})`
    : `per-sample audit: run now, none was given (${settings})`;
}

/** Under `auto` an effective threshold of 1 means no cosine cut applied: the copy-gap rule decided (docs/science.md). */
function similarityText(similarity: { input: number | 'auto'; inputEffective: number }): string {
  if (similarity.input !== 'auto') return String(similarity.input);
  return similarity.inputEffective >= 1 ? 'auto (copy-gap rule: a copy stands out from the sample\'s next candidates)' : `auto (cosine ${similarity.inputEffective})`;
}
