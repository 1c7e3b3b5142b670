import type { ForgetSummary, HostToWebview, ReportMeta, SampleDetail, SampleRow, WebviewToHost } from '../src/protocol/webview';
import { drawBreakdown, drawOverview } from './charts';
import { clear, custom, el } from './dom';
import { SortKey, TableView, pageOf, visibleRows } from './tableState';

declare function acquireVsCodeApi(): { postMessage(message: WebviewToHost): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;

interface PersistedState {
  view: TableView;
  selected: string | null;
}

const persisted = (vscode.getState() as PersistedState | undefined) ?? { view: { sortKey: 'rank', descending: false, text: '', label: '', page: 0 }, selected: null };
let meta: ReportMeta | null = null;
let rows: SampleRow[] = [];
let detail: SampleDetail | null = null;
let forget: ForgetSummary | null = null;

const COLUMNS: Array<{ key: SortKey; title: string; format: (r: SampleRow) => string }> = [
  { key: 'rank', title: '#', format: (r) => String(r.rank) },
  { key: 'id', title: 'id', format: (r) => r.id },
  { key: 'label', title: 'label', format: (r) => r.label },
  { key: 'difficulty', title: 'difficulty', format: (r) => r.difficulty.toFixed(2) },
  { key: 'memorization', title: 'memorization', format: (r) => num(r.memorization) },
  { key: 'similarCount', title: 'near-dups', format: (r) => String(r.similarCount) },
  { key: 'entanglement', title: 'entanglement', format: (r) => r.entanglement.toFixed(2) },
  { key: 'labelDisagreement', title: 'label disagr.', format: (r) => r.labelDisagreement.toFixed(2) },
];

function num(v: number | null): string {
  return v === null ? '—' : v.toFixed(2);
}

function save(): void {
  vscode.setState(persisted);
}

function render(): void {
  clear(app);
  if (!meta) {
    app.appendChild(el('p', { className: 'muted', text: 'Loading results…' }));
    return;
  }
  app.appendChild(header(meta));
  const overview = el('section', { className: 'overview', attrs: { 'aria-label': 'Dataset overview' } });
  app.appendChild(overview);
  const layout = el('div', { className: 'layout' }, [tableSection(), detailSection()]);
  app.appendChild(layout);
  app.appendChild(forgetSection());
  if (rows.length === meta.rows) void drawOverview(overview, rows);
}

function header(m: ReportMeta): HTMLElement {
  const acc = `train ${(m.trainAccuracy * 100).toFixed(1)}%${m.testAccuracy === null ? '' : `, test ${(m.testAccuracy * 100).toFixed(1)}%`}`;
  return el('header', {}, [
    el('h1', { text: `Hard to forget: ${m.datasetPath}` }),
    el('p', { text: `${m.rows} samples · ${m.summary.hard} hard (≥ 0.5) · ${m.summary.withSimilarSamples} with near-duplicates · ${m.summary.memorized} memorized · ${m.mode} mode on ${m.backend} · accuracy ${acc}` }),
    m.stale ? el('p', { className: 'warning', text: 'The dataset changed after this audit: results may be out of date. Run the audit again.' }) : null,
  ]);
}

function tableSection(): HTMLElement {
  const view = persisted.view;
  const shown = visibleRows(rows, view);
  const page = pageOf(shown, view.page);
  view.page = page.page;

  const search = custom('vscode-textfield', { placeholder: 'Filter by id, reason or content', 'aria-label': 'Filter rows' }) as HTMLElement & { value: string };
  search.value = view.text;
  search.addEventListener('change', () => {
    view.text = search.value;
    view.page = 0;
    save();
    render();
  });
  const classFilter = custom('vscode-single-select', { 'aria-label': 'Filter by class' }) as HTMLElement & { value: string };
  classFilter.appendChild(custom('vscode-option', { value: '' }, 'all classes'));
  for (const label of meta!.classes) classFilter.appendChild(custom('vscode-option', { value: label }, label));
  classFilter.value = view.label;
  classFilter.addEventListener('change', () => {
    view.label = classFilter.value;
    view.page = 0;
    save();
    render();
  });

  const table = el('table', { className: 'samples', attrs: { role: 'grid' } });
  const headRow = el('tr');
  for (const column of COLUMNS) {
    const active = view.sortKey === column.key;
    const th = el('th', { text: `${column.title}${active ? (view.descending ? ' ▼' : ' ▲') : ''}`, attrs: { tabindex: '0', 'aria-sort': active ? (view.descending ? 'descending' : 'ascending') : 'none' } });
    const sortBy = () => {
      view.descending = view.sortKey === column.key ? !view.descending : column.key !== 'rank' && column.key !== 'id' && column.key !== 'label';
      view.sortKey = column.key;
      save();
      render();
    };
    th.addEventListener('click', sortBy);
    th.addEventListener('keydown', (e) => (e.key === 'Enter' || e.key === ' ') && sortBy());
    headRow.appendChild(th);
  }
  headRow.appendChild(el('th', { text: 'main reason' }));
  table.appendChild(el('thead', {}, [headRow]));
  const body = el('tbody');
  for (const row of page.rows) {
    const tr = el('tr', { className: row.id === persisted.selected ? 'selected' : '', attrs: { tabindex: '0', 'data-id': row.id } });
    for (const column of COLUMNS) tr.appendChild(el('td', { text: column.format(row) }));
    tr.appendChild(el('td', { className: 'reason', text: row.reason, title: row.preview }));
    const open = () => select(row.id, true);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && open());
    body.appendChild(tr);
  }
  table.appendChild(body);

  const pager = el('div', { className: 'pager' }, [
    button('Previous', page.page === 0, () => ((view.page -= 1), save(), render())),
    el('span', { text: `page ${page.page + 1} of ${page.pages} · ${shown.length} of ${rows.length} samples${meta && rows.length < meta.rows ? ' (loading…)' : ''}` }),
    button('Next', page.page >= page.pages - 1, () => ((view.page += 1), save(), render())),
  ]);
  return el('section', { className: 'table', attrs: { 'aria-label': 'Samples, hardest first' } }, [el('div', { className: 'filters' }, [search, classFilter]), table, pager]);
}

function button(text: string, disabled: boolean, onClick: () => void): HTMLElement {
  const b = custom('vscode-button', disabled ? { disabled: '' } : {}, text);
  b.addEventListener('click', () => !disabled && onClick());
  return b;
}

function select(id: string, reveal: boolean): void {
  persisted.selected = id;
  save();
  vscode.postMessage({ type: 'detail', id });
  if (reveal) vscode.postMessage({ type: 'reveal', id });
  render();
}

function detailSection(): HTMLElement {
  const section = el('section', { className: 'detail', attrs: { 'aria-label': 'Selected sample' } });
  if (!detail || detail.id !== persisted.selected) {
    section.appendChild(el('p', { className: 'muted', text: 'Select a sample to see why it is hard to forget.' }));
    return section;
  }
  section.appendChild(el('h2', { text: `${detail.id} (label ${detail.label}) · difficulty ${detail.difficulty.toFixed(2)}` }));
  section.appendChild(el('ul', {}, detail.reasons.map((r) => el('li', { text: r }))));
  const chart = el('div', { className: 'chart' });
  section.appendChild(chart);
  void drawBreakdown(chart, detail);
  if (detail.similar.length) {
    section.appendChild(el('h3', { text: 'Near-duplicates that would remain' }));
    const list = el('ul');
    for (const s of detail.similar) {
      const link = el('a', { text: `${s.id} (cosine ${s.similarity.toFixed(3)})`, attrs: { href: '#', role: 'button' } });
      link.addEventListener('click', (e) => {
        e.preventDefault();
        select(s.id, true);
      });
      list.appendChild(el('li', {}, [link]));
    }
    section.appendChild(list);
  }
  return section;
}

function forgetSection(): HTMLElement {
  const section = el('section', { className: 'forget', attrs: { 'aria-label': 'Forget-set audit' } }, [el('h2', { text: 'Forget-set audit' })]);
  if (!forget) {
    section.appendChild(el('p', { className: 'muted', text: 'No forget-set audit yet: run "ForgetLens: Audit Forget Set…".' }));
    return section;
  }
  section.appendChild(el('p', { className: 'summary', text: forget.text }));
  const table = el('table', { className: 'methods' }, [el('thead', {}, [el('tr', {}, ['method', 'ToW', 'ToW-MIA', 'MIA', 'forget acc', '× retrain time'].map((t) => el('th', { text: t })))])]);
  const body = el('tbody');
  for (const m of forget.methods) {
    body.appendChild(el('tr', {}, [m.name, m.tow.toFixed(2), num(m.towMia), num(m.mia), num(m.forgetAcc), m.relativeTime.toFixed(2)].map((t) => el('td', { text: t }))));
  }
  table.appendChild(body);
  section.appendChild(table);
  if (forget.rum) section.appendChild(el('p', { text: `RUM ToW ${forget.rum.rum.toFixed(2)} vs shuffled control ${forget.rum.control.toFixed(2)}` }));
  const verdicts = el('ul', { className: 'verdicts' }, forget.verdicts.map((v) => el('li', { className: v.verdict, text: `${v.id}: ${v.verdict} — ${v.evidence}` })));
  section.appendChild(verdicts);
  if (forget.alsoConsiderDeleting.length) section.appendChild(el('p', { text: `Also consider deleting: ${forget.alsoConsiderDeleting.join(', ')}` }));
  section.appendChild(button('Export report…', false, () => vscode.postMessage({ type: 'exportReport' })));
  return section;
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'meta':
      meta = message.meta;
      rows = [];
      break;
    case 'rows':
      rows = rows.concat(message.rows);
      if (!message.done) return;
      if (persisted.selected) vscode.postMessage({ type: 'detail', id: persisted.selected });
      break;
    case 'detail':
      detail = message.detail;
      break;
    case 'select':
      persisted.selected = message.id;
      persisted.view.page = Math.floor(Math.max(0, visibleRows(rows, persisted.view).findIndex((r) => r.id === message.id)) / 100);
      save();
      vscode.postMessage({ type: 'detail', id: message.id });
      break;
    case 'forget':
      forget = message.forget;
      break;
    case 'empty':
      clear(app);
      app.appendChild(el('p', { className: 'muted', text: message.message }));
      return;
  }
  render();
});

vscode.postMessage({ type: 'ready' });
