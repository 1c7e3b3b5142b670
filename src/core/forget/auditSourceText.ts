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
    `near-duplicate similarity ${s.similarity.input === 'auto' ? `auto (${s.similarity.inputEffective})` : s.similarity.input}`,
    `${s.neighbours} neighbours`,
  ].join(', ');
  return source.origin === 'reused'
    ? `per-sample audit: reused ${source.path} (written ${source.createdAt}; ${settings})`
    : `per-sample audit: run now, none was given (${settings})`;
}
