import { auditSourceText } from './auditSourceText';
import { rumComparison } from './reportMarkdown';
import { carrierRetrainText, pWithoutCarriers, sampleCarrierLines } from './carrierText';
import { ForgetReport } from './schema';

/**
 * The forget-set audit as one self-contained HTML page: no scripts, no network, charts drawn as
 * inline SVG. Every dataset-derived string is escaped.
 */
export function forgetReportHtml(r: ForgetReport): string {
  const methods = [...r.algorithms, ...(r.rum ? [r.rum.rum, r.rum.control] : [])];
  const rows = r.samples
    .map((s) => `<tr class="${s.verdict}"><td>${esc(s.id)}</td><td>${esc(s.source.line ? `${s.source.file}:${s.source.line}` : s.source.file)}</td><td>${esc(s.label)}</td><td>${s.verdict}</td><td>${s.pOriginal.toFixed(2)}</td><td>${s.pRetrain.toFixed(2)}</td><td>${pWithoutCarriers(s)}</td><td>${esc(s.evidence)}</td></tr>`)
    .join('\n');
  const methodRows = methods
    .map((a) => `<tr><td>${esc(a.name)}</td><td>${pct(a.forgetAcc)}</td><td>${pct(a.retainAcc)}</td><td>${pct(a.testAcc)}</td><td>${a.tow.toFixed(2)}</td><td>${pct(a.mia)}</td><td>${a.towMia === null ? '—' : a.towMia.toFixed(2)}</td><td>${a.relativeTime.toFixed(2)}×</td></tr>`)
    .join('\n');
  const auditLine = auditSourceText(r);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Forget-set audit: ${esc(r.dataset.path)}</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1f2328}
h1{font-size:1.4em} .summary{font-size:1.1em;background:#f6f8fa;border-left:4px solid #0969da;padding:.8em 1em}
table{border-collapse:collapse;width:100%;margin:1em 0} th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa} tr.ineffective-alone td:nth-child(4){color:#9a6700;font-weight:600} tr.hard td:nth-child(4){color:#cf222e;font-weight:600}
tr.forgettable td:nth-child(4){color:#1a7f37} code{background:#f6f8fa;padding:1px 4px}
</style></head><body>
<h1>Forget-set audit</h1>
<p class="summary">${esc(r.summary.text)}</p>
<h2>Methods compared with retraining from scratch</h2>
${towChart(methods)}
<table><thead><tr><th>method</th><th>forget acc</th><th>retain acc</th><th>test acc</th><th>ToW</th><th>MIA</th><th>ToW-MIA</th><th>time vs retrain</th></tr></thead><tbody>
<tr><td>retrain (mean of ${r.settings.retrainSeeds})</td><td>${pct(r.retrain.forgetAcc)}</td><td>${pct(r.retrain.retainAcc)}</td><td>${pct(r.retrain.testAcc)}</td><td>1.00</td><td>${pct(r.retrain.mia)}</td><td>1.00</td><td>1.00×</td></tr>
${methodRows}
</tbody></table>
${r.rum ? `<p>${esc(rumComparison(r.rum))}</p>` : ''}
<h2>Requested samples</h2>
<table><thead><tr><th>id</th><th>where</th><th>label</th><th>verdict</th><th>p original</th><th>p retrained</th><th>p retrained without carriers</th><th>evidence</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Carriers: who keeps a requested sample alive</h2>
<p>${esc(carrierRetrainText(r))}</p>
${carrierList(r)}
${r.summary.alsoConsiderDeleting.length ? `<h2>Also consider deleting</h2><p>Confirmed carriers of the samples whose deletion alone does not work:</p><p>${r.summary.alsoConsiderDeleting.map(esc).join(', ')}</p>` : ''}
<h2>How well the per-sample audit predicted this</h2>
<p>Spearman correlation between the audit difficulty and the measured residual (p unlearned − p retrained):
${Object.entries(r.prediction.spearman).map(([name, rho]) => `${esc(name)} ${rho === null ? 'n/a' : rho.toFixed(2)}`).join(', ')}.
Agreement between algorithms on which samples are hard (mean pairwise Spearman of residuals): ${r.prediction.algorithmAgreement?.toFixed(2) ?? 'n/a'}.</p>
<h2>What was run</h2>
<ul>
<li>dataset <code>${esc(r.dataset.path)}</code>, sha256 <code>${r.dataset.sha256}</code>, ${r.dataset.rows} rows</li>
<li>forget list <code>${esc(r.forget.file)}</code>: ${r.forget.ids.length} ids, sha256 <code>${r.forget.sha256}</code></li>
<li>model ${esc(r.model.architecture)} on ${esc(r.model.backend)}, seed ${r.settings.seed}; ForgetLens ${esc(r.tool.version)}; ${esc(r.startedAt)} – ${esc(r.finishedAt)}</li>
${auditLine === null ? '' : `<li>${esc(auditLine)}</li>`}
<li>reproduce: <code>${esc(r.reproduce)}</code></li>
</ul>
</body></html>
`;
}

function carrierList(r: ForgetReport): string {
  const items = sampleCarrierLines(r).map((c) => {
    const duplicates = c.nearDuplicates.length ? `; near-duplicates still in the data: ${c.nearDuplicates.map(esc).join(', ')}` : '';
    const confirmed = c.confirmed.map((x) => `<li>${esc(x.id)}: ${esc(x.why)}</li>`).join('');
    return `<li><strong>${esc(c.id)}</strong> (${c.verdict}): ${c.confirmed.length} confirmed, ${c.notConfirmed} other candidates without that evidence${duplicates}${confirmed ? `<ul>${confirmed}</ul>` : ''}</li>`;
  });
  return items.length ? `<ul class="carriers">${items.join('\n')}</ul>` : '';
}

/** Horizontal bars of ToW per method (1 = indistinguishable from retraining). */
function towChart(methods: Array<{ name: string; tow: number }>): string {
  const barHeight = 20;
  const width = 520;
  const labelWidth = 170;
  const bars = methods
    .map((m, k) => {
      const y = k * (barHeight + 6);
      const w = Math.max(1, Math.round(m.tow * (width - labelWidth - 50)));
      return `<text x="0" y="${y + 14}" font-size="12">${esc(m.name)}</text><rect x="${labelWidth}" y="${y}" width="${w}" height="${barHeight}" fill="#0969da"/><text x="${labelWidth + w + 6}" y="${y + 14}" font-size="12">${m.tow.toFixed(2)}</text>`;
    })
    .join('');
  const height = methods.length * (barHeight + 6);
  return `<svg role="img" aria-label="ToW per method" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${bars}</svg>`;
}

function pct(v: number | null): string {
  return v === null ? '—' : `${(v * 100).toFixed(1)}%`;
}

function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
