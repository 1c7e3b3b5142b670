import { drawMethods } from './charts';
import { labelConflictItem, sampleLink } from './detail';
import { el } from './dom';
import { data, num, vscode } from './state';
import { pagerButton } from './table';
import type { ForgetSummary } from '../src/protocol/webview';

/** The forget-set tab: summary, method comparison, RUM vs control, per-sample verdicts, what else to delete, export. */
export function forgetSection(select: (id: string, reveal: boolean) => void): HTMLElement {
  const section = el('section', { className: 'forget', attrs: { 'aria-label': 'Forget-set audit' } }, [el('h2', { text: 'Forget-set audit' })]);
  const forget = data.forget;
  if (!forget) {
    section.appendChild(el('p', { className: 'muted', text: 'No forget-set audit yet: open an id list (one id per line) and run "ForgetLens: Audit Forget Set…", or select rows in the data file and run "ForgetLens: Add Selected Rows to Forget Set".' }));
    return section;
  }
  section.appendChild(el('p', { className: 'summary', text: forget.text }));
  section.appendChild(el('p', { className: 'counts', text: `${forget.verdicts.length} requested: ${forget.counts.forgettable} forgettable · ${forget.counts.hard} hard · ${forget.counts['ineffective-alone']} ineffective alone` }));

  section.appendChild(el('h3', { text: 'Method comparison' }));
  const headers = ['method', 'ToW', 'ToW-MIA', 'MIA', 'forget acc', '× retrain time'];
  const methods = el('table', { className: 'methods', attrs: { 'aria-label': 'Unlearning methods compared with retraining' } }, [el('thead', {}, [el('tr', {}, headers.map((t) => el('th', { text: t, attrs: { scope: 'col' } })))])]);
  const body = el('tbody');
  const best = Math.max(...forget.methods.map((m) => m.tow));
  for (const m of forget.methods) {
    body.appendChild(el('tr', { className: m.tow === best ? 'best' : '' }, [m.name, m.tow.toFixed(3), num(m.towMia), num(m.mia), num(m.forgetAcc), m.relativeTime.toFixed(2)].map((t) => el('td', { text: t }))));
  }
  methods.appendChild(body);
  const chart = el('div', { className: 'chart' });
  section.append(el('div', { className: 'forget-methods' }, [methods, chart]));
  void drawMethods(chart, forget.methods);

  if (forget.rum) {
    const { rum, control, recipe, estimate, tierSizes } = forget.rum;
    const by = estimate === 'confidence-proxy' ? 'the confidence proxy' : estimate ? `${estimate} memorization` : 'memorization';
    const sizes = tierSizes ? ` of ${tierSizes.join('/')}` : '';
    const gain = rum.tow - control.tow;
    section.appendChild(el('h3', { text: 'RUM vs control' }));
    section.appendChild(
      el('p', {
        className: 'rum',
        text: `RUM (tiers${sizes} by ${by}, low to high: ${recipe.join(' → ')}) ToW ${rum.tow.toFixed(3)} vs control (random tiers) ${control.tow.toFixed(3)}: ${gain >= 0 ? '+' : ''}${gain.toFixed(3)} from ordering by memorization.`,
      }),
    );
  }

  section.appendChild(el('h3', { text: 'Per-sample verdicts' }));
  section.appendChild(
    el(
      'ul',
      { className: 'verdicts' },
      forget.verdicts.map((v) => el('li', { className: v.verdict }, [sampleLink(v.id, v.id, select), el('span', { text: ': ' }), el('span', { className: `verdict ${v.verdict}`, text: v.verdict }), el('span', { text: ` — ${v.evidence}` }), ...sampleCarriers(v, select)])),
    ),
  );
  if (forget.carrierCost) section.appendChild(el('p', { className: 'muted carrier-cost', text: forget.carrierCost }));
  section.appendChild(el('h3', { text: 'Also consider deleting' }));
  if (forget.alsoConsiderDeleting.length) {
    section.appendChild(el('p', { className: 'muted', text: 'Confirmed carriers of samples whose deletion is ineffective alone: each loses its own label once held out with them, so it carries the same pattern.' }));
    section.appendChild(el('ul', { className: 'also-delete' }, forget.alsoConsiderDeleting.map((id) => el('li', {}, [sampleLink(id, id, select)]))));
  } else {
    section.appendChild(el('p', { className: 'muted', text: 'Nothing: no requested sample is kept alive by samples left behind.' }));
  }
  section.appendChild(el('div', { className: 'actions' }, [pagerButton('Export report…', false, () => vscode.postMessage({ type: 'exportReport' }))]));
  return section;
}

/** A verdict's confirmed carriers (with their evidence), the near-duplicates still in the data, and near-copies with another label. */
function sampleCarriers(v: ForgetSummary['verdicts'][number], select: (id: string, reveal: boolean) => void): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (v.carriers?.length) {
    out.push(el('ul', { className: 'carriers' }, v.carriers.map((c) => el('li', {}, [el('span', { text: 'carrier ' }), sampleLink(c.id, c.id, select), el('span', { text: `: ${c.why}` })]))));
  }
  if (v.nearDuplicates?.length) {
    const links = v.nearDuplicates.flatMap((id, k) => [...(k ? [el('span', { text: ', ' })] : []), sampleLink(id, id, select)]);
    out.push(el('p', { className: 'muted near-duplicates' }, [el('span', { text: 'near-duplicates still in the data: ' }), ...links]));
  }
  if (v.labelConflicts?.length) {
    out.push(el('ul', { className: 'label-conflicts' }, v.labelConflicts.map((c) => el('li', {}, [el('span', { text: 'label conflict ' }), labelConflictItem(c, select)]))));
  }
  return out;
}
