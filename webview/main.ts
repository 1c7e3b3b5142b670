import type { HostToWebview, PanelTab, ReportMeta } from '../src/protocol/webview';
import { memorizedCountWords } from '../src/protocol/memorizationScale';
import { calibratedCountWords } from '../src/protocol/calibratedCounts';
import { detailSection } from './detail';
import { clear, el } from './dom';
import { forgetSection } from './forgetTab';
import { drawOverview } from './overview';
import { data, persisted, save, vscode } from './state';
import { SamplesTable, tableSection } from './table';
import { DEFAULT_VIEW, indexOfSample } from './tableState';

/**
 * The results panel. Each part has its own container and is redrawn only when what it shows
 * changes: rows arrive in pages and the table, overview and charts are drawn once they are all in;
 * a selection redraws the detail, not the table.
 */
const app = document.getElementById('app')!;
const parts = {
  header: el('header'),
  tabs: el('div', { className: 'tabs', attrs: { role: 'tablist', 'aria-label': 'ForgetLens views' } }),
  samples: el('div', { className: 'tab-panel', attrs: { id: 'panel-samples', role: 'tabpanel', 'aria-labelledby': 'tab-samples' } }),
  forget: el('div', { className: 'tab-panel', attrs: { id: 'panel-forget', role: 'tabpanel', 'aria-labelledby': 'tab-forget' } }),
  overview: el('section', { className: 'overview', attrs: { 'aria-label': 'Dataset overview' } }),
  table: el('div', { className: 'table-host' }),
  detail: el('div', { className: 'detail-host' }),
};
parts.samples.append(parts.overview, el('div', { className: 'layout' }, [parts.table, parts.detail]));

function showSkeleton(): void {
  clear(app);
  app.append(parts.header, parts.tabs, parts.samples, parts.forget);
}

function renderHeader(m: ReportMeta): void {
  clear(parts.header);
  const acc = `train ${(m.trainAccuracy * 100).toFixed(1)}%${m.testAccuracy === null ? '' : `, test ${(m.testAccuracy * 100).toFixed(1)}%`}`;
  parts.header.append(
    el('h1', {}, [document.createTextNode('Hard to forget: '), el('span', { className: 'path', text: m.datasetPath, title: m.datasetPath })]),
    el('p', { text: `${m.rows} samples · ${m.summary.hard} hard (difficulty ≥ 0.5)${calibratedCounts(m)} · ${m.summary.withSimilarSamples} with near-duplicates · ${memorizedCountWords(m.summary.memorized, m.memorizationScale ?? 'model')} · ${m.mode} mode on ${m.backend} · accuracy ${acc}` }),
  );
  if (m.stale) parts.header.appendChild(el('p', { className: 'warning', text: 'The dataset changed after this audit: results may be out of date. Run the audit again.' }));
  for (const notice of m.notices) parts.header.appendChild(el('p', { className: 'notice', text: notice, attrs: { role: 'note' } }));
}

const TABS: Array<{ id: PanelTab; title: () => string }> = [
  { id: 'samples', title: () => 'Samples' },
  { id: 'forget', title: () => (data.forget ? `Forget set (${data.forget.verdicts.length})` : 'Forget set') },
];

/** The two calibrated counts, kept apart: they call for different actions. */
function calibratedCounts(m: ReportMeta): string {
  return calibratedCountWords(m.summary).map((w) => ` · ${w}`).join('');
}

function renderTabs(): void {
  clear(parts.tabs);
  TABS.forEach((tab, k) => {
    const active = persisted.tab === tab.id;
    const button = el('button', { className: active ? 'tab active' : 'tab', text: tab.title(), attrs: { id: `tab-${tab.id}`, role: 'tab', 'aria-selected': String(active), 'aria-controls': `panel-${tab.id}`, tabindex: active ? '0' : '-1' } });
    button.addEventListener('click', () => setTab(tab.id));
    button.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
      const next = TABS[(k + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
      setTab(next.id);
      document.getElementById(`tab-${next.id}`)?.focus();
    });
    parts.tabs.appendChild(button);
  });
  parts.samples.hidden = persisted.tab !== 'samples';
  parts.forget.hidden = persisted.tab !== 'forget';
}

function setTab(tab: PanelTab): void {
  persisted.tab = tab;
  save();
  renderTabs();
}

let table: SamplesTable | undefined;

function renderTable(): void {
  table?.destroy();
  clear(parts.table);
  table = tableSection({ rerender: renderTable, select });
  parts.table.appendChild(table.element);
  table.mount();
}

function renderDetail(): void {
  clear(parts.detail);
  parts.detail.appendChild(detailSection(select));
}

function renderForget(): void {
  clear(parts.forget);
  parts.forget.appendChild(forgetSection(select));
  renderTabs();
}

function renderOverview(): void {
  drawOverview(parts.overview, (label) => {
    persisted.view = { ...persisted.view, label };
    save();
    renderTable();
  });
}

/** Select a sample: mark its row, scroll it into view (clearing filters that hide it), ask for its detail. */
function select(id: string, reveal: boolean): void {
  if (!data.rowsDone) {
    data.pendingSelect = id;
    return;
  }
  persisted.selected = id;
  const view = persisted.view;
  const hidden = indexOfSample(data.rows, view, id) === undefined;
  if (hidden) persisted.view = { ...DEFAULT_VIEW, sortKey: view.sortKey, descending: view.descending };
  save();
  const fromElsewhere = persisted.tab !== 'samples' || !parts.table.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
  if (persisted.tab !== 'samples') setTab('samples');
  if (hidden) renderTable();
  table?.markSelected(id);
  if (fromElsewhere) table?.reveal(id, true);
  renderDetail();
  vscode.postMessage({ type: 'detail', id });
  if (reveal) vscode.postMessage({ type: 'reveal', id });
}

function onMeta(meta: ReportMeta): void {
  if (persisted.dataset !== meta.datasetPath) {
    // Another dataset: its classes, ids and filters are not this one's.
    persisted.view = { ...DEFAULT_VIEW };
    persisted.selected = null;
    persisted.dataset = meta.datasetPath;
    save();
  }
  data.meta = meta;
  data.rows = [];
  data.rowsDone = false;
  data.detail = null;
  showSkeleton();
  renderHeader(meta);
  renderTabs();
  renderOverview();
  renderTable();
  renderDetail();
  renderForget();
}

function onRowsDone(): void {
  data.rowsDone = true;
  renderOverview();
  renderTable();
  const pending = data.pendingSelect;
  data.pendingSelect = null;
  if (pending) select(pending, false);
  else if (persisted.selected) vscode.postMessage({ type: 'detail', id: persisted.selected });
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const message = event.data;
  switch (message.type) {
    case 'meta':
      return onMeta(message.meta);
    case 'rows':
      if (!data.meta) return;
      data.rows = data.rows.concat(message.rows);
      if (message.done) return onRowsDone();
      return renderOverview();
    case 'detail':
      data.detail = message.detail;
      return renderDetail();
    case 'select':
      return select(message.id, false);
    case 'showTab':
      return setTab(message.tab);
    case 'forget':
      data.forget = message.forget;
      if (!data.meta) return;
      return renderForget();
    case 'empty':
      data.meta = null;
      clear(app);
      app.appendChild(el('p', { className: 'muted', text: message.message }));
      for (const notice of message.notices) app.appendChild(el('p', { className: 'notice', text: notice, attrs: { role: 'note' } }));
      return;
  }
});

vscode.postMessage({ type: 'ready' });
