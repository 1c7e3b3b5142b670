import { auditSourceText } from './auditSourceText';
import { carrierRetrainText, pWithoutCarriers, sampleCarrierLines } from './carrierText';
import { ForgetReport } from './schema';

/** The forget-set audit as Markdown: summary first, then methods, samples, provenance. */
export function forgetReportMarkdown(r: ForgetReport): string {
  const lines: string[] = [];
  lines.push(`# Forget-set audit: ${r.dataset.path}`, '', `**${r.summary.text}**`, '');
  lines.push('## Methods compared with retraining from scratch', '');
  lines.push('| method | forget acc | retain acc | test acc | ToW | MIA (non-member share) | ToW-MIA | seconds | × retrain time |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  lines.push(`| original model | ${pct(r.original.forgetAcc)} | ${pct(r.original.retainAcc)} | ${pct(r.original.testAcc)} | | ${pct(r.original.mia)} | | ${r.original.seconds.toFixed(2)} | |`);
  lines.push(`| retrain (mean of ${r.settings.retrainSeeds} seeds) | ${pct(r.retrain.forgetAcc)} | ${pct(r.retrain.retainAcc)} | ${pct(r.retrain.testAcc)} | 1.00 | ${pct(r.retrain.mia)} | 1.00 | ${r.retrain.seconds.toFixed(2)} | 1.00 |`);
  const rows = [...r.algorithms, ...(r.rum ? [r.rum.rum, r.rum.control] : [])];
  for (const a of rows) {
    lines.push(`| ${a.name} | ${pct(a.forgetAcc)} | ${pct(a.retainAcc)} | ${pct(a.testAcc)} | ${a.tow.toFixed(2)} | ${pct(a.mia)} | ${a.towMia === null ? '—' : a.towMia.toFixed(2)} | ${a.seconds.toFixed(2)} | ${a.relativeTime.toFixed(2)} |`);
  }
  if (r.rum) lines.push('', rumComparison(r.rum));
  lines.push('', '## Requested samples', '', '| id | where | label | verdict | p original | p retrained | p retrained without carriers | evidence |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of r.samples) {
    const where = s.source.line ? `${s.source.file}:${s.source.line}` : s.source.file;
    lines.push(`| ${cell(s.id)} | ${cell(where)} | ${cell(s.label)} | ${s.verdict} | ${s.pOriginal.toFixed(2)} | ${s.pRetrain.toFixed(2)} | ${pWithoutCarriers(s)} | ${cell(s.evidence)} |`);
  }
  lines.push('', '## Carriers: who keeps a requested sample alive', '', carrierRetrainText(r), '');
  for (const c of sampleCarrierLines(r)) {
    lines.push(`- **${cell(c.id)}** (${c.verdict}): ${c.confirmed.length} confirmed ${c.confirmed.length === 1 ? 'carrier' : 'carriers'}, ${c.notConfirmed} other ${c.notConfirmed === 1 ? 'candidate' : 'candidates'} without that evidence${c.nearDuplicates.length ? `; near-duplicates still in the data: ${c.nearDuplicates.map(cell).join(', ')}` : ''}`);
    for (const carrier of c.confirmed) lines.push(`  - ${cell(carrier.id)}: ${cell(carrier.why)}`);
  }
  if (r.summary.alsoConsiderDeleting.length) {
    lines.push('', '## Also consider deleting', '', 'Confirmed carriers of the samples whose deletion alone does not work: each loses its own label once held out with them (evidence above):', '', r.summary.alsoConsiderDeleting.map(cell).join(', '));
  }
  lines.push('', '## How well the per-sample audit predicted this', '');
  lines.push('Spearman correlation between the audit difficulty and the measured residual (p unlearned − p retrained):', '');
  for (const [name, rho] of Object.entries(r.prediction.spearman)) lines.push(`- ${name}: ${rho === null ? 'n/a' : rho.toFixed(2)}`);
  lines.push(`- agreement between algorithms on which samples are hard (mean pairwise Spearman of residuals): ${r.prediction.algorithmAgreement?.toFixed(2) ?? 'n/a'}`);
  lines.push('', '## What was run', '');
  lines.push(`- dataset: \`${r.dataset.path}\`, sha256 \`${r.dataset.sha256}\`, ${r.dataset.rows} rows`);
  lines.push(`- forget list: \`${r.forget.file}\`, ${r.forget.ids.length} ids (sha256 of the ids \`${r.forget.sha256}\`)${r.forget.missing.length ? `, ${r.forget.missing.length} requested ids not found` : ''}`);
  lines.push(`- forget set: mean memorization ${r.forget.meanMemorization?.toFixed(2) ?? 'n/a'}, Entanglement Score with the retain set ${r.forget.entanglementScore?.toFixed(2) ?? 'n/a'} (RUM: higher means harder to unlearn)`);
  lines.push(`- model: ${r.model.architecture} on ${r.model.backend}, ${r.model.epochs} epochs, ${r.model.trainSamples} training and ${r.model.testSamples} test samples; seed ${r.settings.seed}`);
  const auditLine = auditSourceText(r);
  if (auditLine) lines.push(`- ${auditLine}`);
  lines.push(`- ForgetLens ${r.tool.version}, ${r.startedAt} to ${r.finishedAt}`);
  lines.push(`- reproduce: \`${r.reproduce}\``, '');
  return lines.join('\n');
}

/** RUM against its shuffled control and against its own algorithms run once on the whole set. */
export function rumComparison(rum: NonNullable<ForgetReport['rum']>): string {
  const once = (rum.baselines ?? []).map((b) => `${b.name} ${b.tow.toFixed(2)}`).join(', ');
  return `RUM (${rum.recipe.join(' → ')}, ${rum.split}): ToW ${rum.rum.tow.toFixed(2)}, against ${rum.control.tow.toFixed(2)} for the shuffled control${once ? ` and ${once} for the same ${rum.baselines!.length === 1 ? 'algorithm' : 'algorithms'} run once on the whole forget set` : ''}.`;
}

function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** Dataset ids are untrusted text: keep them from breaking the table or being read as Markdown. */
function cell(text: string): string {
  return text.replace(/[\\|`*_[\]<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');
}
