import type { SampleRow } from '../src/protocol/webview';
import { VERDICTS } from '../src/protocol/webview';
import { MEMORIZATION_NAMES, MemorizationScale } from '../src/protocol/memorizationScale';
import { custom, el } from './dom';
import { data, num, persisted, save } from './state';
import { SortKey, VerdictFilter, rowKeyTarget, visibleRows } from './tableState';
import { thumbnailUrl } from './thumbnails';
import { VirtualRows, virtualRows } from './virtualRows';

export interface TableActions {
  /** Re-render the table (after a filter or sort change). */
  rerender(): void;
  select(id: string, reveal: boolean): void;
}

/** The samples grid once it is in the document: bring a row into view, mark the selection. */
export interface SamplesTable {
  element: HTMLElement;
  /** Start drawing rows: call once the element is in the document (rows are measured). */
  mount(): void;
  /** Scroll to the sample (centred) and focus its row; false when the view filters it out. */
  reveal(id: string, focus: boolean): boolean;
  markSelected(id: string): void;
  destroy(): void;
}

interface Column {
  key: SortKey;
  title: string;
  format: (r: SampleRow) => string;
}

const COLUMNS: Column[] = [
  { key: 'rank', title: '#', format: (r) => String(r.rank) },
  { key: 'id', title: 'id', format: (r) => r.id },
  { key: 'label', title: 'label', format: (r) => r.label },
  { key: 'difficulty', title: 'difficulty', format: (r) => r.difficulty.toFixed(2) },
  { key: 'residualRisk', title: 'unlearning risk', format: (r) => num(r.residualRisk ?? null) },
  { key: 'persistence', title: 'persistence', format: (r) => num(r.persistence ?? null) },
  // Its title and format depend on the report's memorization scale: swapped per report below.
  memorizationColumn('model'),
  { key: 'similarCount', title: 'near-dups', format: (r) => String(r.similarCount) },
  { key: 'entanglement', title: 'entanglement', format: (r) => r.entanglement.toFixed(2) },
  { key: 'labelDisagreement', title: 'label disagr.', format: (r) => r.labelDisagreement.toFixed(2) },
];
/** A head's memorization is shown with its rank in the dataset, the only way to read it (memorizationScale.ts). */
function memorizationColumn(scale: MemorizationScale): Column {
  if (scale === 'model') return { key: 'memorization', title: MEMORIZATION_NAMES.model, format: (r) => num(r.memorization) };
  const rank = (r: SampleRow) => (r.memorizationPercentile === null || r.memorizationPercentile === undefined ? '' : ` · p${Math.floor(r.memorizationPercentile * 100)}`);
  return { key: 'memorization', title: MEMORIZATION_NAMES.head, format: (r) => `${num(r.memorization)}${rank(r)}` };
}
const VERDICT_COLUMN: Column = { key: 'verdict', title: 'verdict', format: (r) => r.verdict ?? '' };
/** Sorting by these starts ascending (names); by factors, descending (hardest first). */
const ASCENDING_FIRST = new Set<SortKey>(['rank', 'id', 'label', 'verdict']);

/** The ranked samples: filters, sortable headers, and one scrolling grid over every row that passes them. */
export function tableSection(actions: TableActions): SamplesTable {
  const meta = data.meta!;
  const view = persisted.view;
  const shown = visibleRows(data.rows, view);
  const hasVerdicts = data.rows.some((r) => r.verdict);
  const scaled = COLUMNS.map((c) => (c.key === 'memorization' ? memorizationColumn(meta.memorizationScale ?? 'model') : c));
  const columns = hasVerdicts ? [...scaled, VERDICT_COLUMN] : scaled;
  const refilter = () => (save(), actions.rerender());

  const search = custom('vscode-textfield', { placeholder: 'Filter by id, reason or content', 'aria-label': 'Filter rows by text' }) as HTMLElement & { value: string };
  search.value = view.text;
  search.addEventListener('change', () => ((view.text = search.value), refilter()));
  const classFilter = select('Filter by class', [['', 'all classes'], ...meta.classes.map((c): [string, string] => [c, c])], view.label);
  classFilter.addEventListener('change', () => ((view.label = classFilter.value), refilter()));
  const counts = new Map(VERDICTS.map((v) => [v, data.rows.filter((r) => r.verdict === v).length]));
  const verdictOptions: Array<[string, string]> = hasVerdicts
    ? [['', 'all verdicts'], ['requested', 'forget set only'], ...VERDICTS.map((v): [string, string] => [v, `${v} (${counts.get(v)})`])]
    : [['', 'no forget-set verdicts yet']];
  const verdictFilter = select('Filter by forget-set verdict', verdictOptions, hasVerdicts ? view.verdict : '');
  if (!hasVerdicts) verdictFilter.setAttribute('disabled', '');
  verdictFilter.addEventListener('change', () => ((view.verdict = verdictFilter.value as VerdictFilter), refilter()));

  const table = el('table', { className: meta.thumbnailRoot ? 'samples with-thumbnails' : 'samples', attrs: { role: 'grid', 'aria-label': 'Samples, hardest first', 'aria-rowcount': String(shown.length + 1) } });
  const headRow = el('tr', { attrs: { 'aria-rowindex': '1' } });
  if (meta.thumbnailRoot) headRow.appendChild(el('th', { className: 'col-thumb', text: 'image', attrs: { scope: 'col' } }));
  for (const column of columns) headRow.appendChild(sortHeader(column, () => (save(), actions.rerender())));
  headRow.appendChild(el('th', { className: 'col-reason', text: 'main reason', attrs: { scope: 'col' } }));
  const head = el('thead', {}, [headRow]);
  const body = el('tbody');
  table.append(head, body);
  const scroll = el('div', { className: 'table-scroll', attrs: { tabindex: '-1' } }, [table]);

  // The active row is the one keys act on and the one in the tab order (the selected one, else the first).
  const selectedIndex = shown.findIndex((r) => r.id === persisted.selected);
  let active = Math.max(0, selectedIndex);
  const createRow = (index: number) => sampleRow(shown[index], index, columns, meta.thumbnailRoot, index === active);
  let rows: VirtualRows | undefined;
  const activate = (index: number, focus: boolean, center = false) => {
    rows?.rowAt(active)?.setAttribute('tabindex', '-1');
    active = index;
    rows?.rowAt(active)?.setAttribute('tabindex', '0');
    rows?.reveal(index, { focus, center });
  };
  body.addEventListener('click', (e) => {
    const index = rowIndexOf(e.target);
    if (index === undefined) return;
    activate(index, false);
    actions.select(shown[index].id, true);
  });
  scroll.addEventListener('keydown', (e) => {
    if (!rows || shown.length === 0 || (e.target as Element).closest('thead')) return;
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      return void actions.select(shown[active].id, e.key === 'Enter');
    }
    const target = rowKeyTarget(e.key, active, shown.length, rows.pageRows());
    if (target === undefined) return;
    e.preventDefault();
    activate(target, true);
  });
  if (shown.length === 0) body.appendChild(el('tr', {}, [el('td', { className: 'muted', text: data.rowsDone ? 'No sample matches these filters.' : 'Loading samples…', attrs: { colspan: String(columns.length + (meta.thumbnailRoot ? 2 : 1)) } })]));

  const status = el('div', { className: 'table-status', text: `${shown.length} of ${data.rows.length} samples${data.rowsDone ? '' : ` (loading… ${data.rows.length} of ${meta.rows})`}`, attrs: { 'aria-live': 'polite' } });
  const filters = el('div', { className: 'filters' }, [search, classFilter, verdictFilter]);
  const element = el('section', { className: 'table', attrs: { 'aria-label': 'Samples, hardest first' } }, [filters, scroll, status]);
  return {
    element,
    mount() {
      if (shown.length === 0 || rows) return;
      rows = virtualRows(scroll, body, head, shown.length, createRow);
      // A selection that survived a reload or a new filter is shown, not left somewhere off screen.
      if (selectedIndex >= 0) rows.reveal(selectedIndex, { focus: false, center: true });
    },
    reveal(id, focus) {
      const index = shown.findIndex((r) => r.id === id);
      if (index < 0) return false;
      activate(index, focus, true);
      return true;
    },
    markSelected(id) {
      for (const tr of body.querySelectorAll<HTMLElement>('tr[data-id]')) {
        const selected = tr.dataset.id === id;
        tr.classList.toggle('selected', selected);
        tr.setAttribute('aria-selected', String(selected));
      }
    },
    destroy: () => rows?.destroy(),
  };
}

function sortHeader(column: Column, resort: () => void): HTMLElement {
  const view = persisted.view;
  const active = view.sortKey === column.key;
  // Narrow columns cut the title with an ellipsis: the tooltip has it whole.
  const th = el('th', { className: `col-${column.key}`, text: `${column.title}${active ? (view.descending ? ' ▼' : ' ▲') : ''}`, title: `sort by ${column.title}`, attrs: { scope: 'col', tabindex: '0', role: 'columnheader', 'aria-sort': active ? (view.descending ? 'descending' : 'ascending') : 'none' } });
  const sortBy = () => {
    view.descending = view.sortKey === column.key ? !view.descending : !ASCENDING_FIRST.has(column.key);
    view.sortKey = column.key;
    resort();
  };
  th.addEventListener('click', sortBy);
  th.addEventListener('keydown', (e) => {
    if (e.key !== 'Enter' && e.key !== ' ') return;
    e.preventDefault();
    sortBy();
  });
  return th;
}

/** One sample's row; every cell is text (textContent), the thumbnail an image from the dataset folder. */
function sampleRow(row: SampleRow, index: number, columns: Column[], thumbnailRoot: string | null, tabbable: boolean): HTMLTableRowElement {
  const selected = row.id === persisted.selected;
  const tr = el('tr', { className: selected ? 'selected' : '', attrs: { tabindex: tabbable ? '0' : '-1', 'data-id': row.id, 'data-index': String(index), 'aria-selected': String(selected), 'aria-rowindex': String(index + 2) } });
  if (thumbnailRoot) tr.appendChild(el('td', { className: 'thumb' }, [thumbnail(thumbnailRoot, row, 'small')]));
  for (const column of columns) {
    const text = column.format(row);
    // Long ids and labels are cut with an ellipsis (the full text is the cell's tooltip).
    const title = column.key === 'id' || column.key === 'label' ? text : undefined;
    tr.appendChild(el('td', { text, title, className: column.key === 'verdict' && row.verdict ? `col-verdict verdict ${row.verdict}` : `col-${column.key}` }));
  }
  tr.appendChild(el('td', { className: 'reason', text: row.reason, title: `${row.reason}\n${row.preview}` }));
  return tr;
}

function rowIndexOf(target: EventTarget | null): number | undefined {
  const tr = (target as Element | null)?.closest?.('tr[data-index]');
  return tr ? Number(tr.getAttribute('data-index')) : undefined;
}

function select(label: string, options: Array<[string, string]>, value: string): HTMLElement & { value: string } {
  const node = custom('vscode-single-select', { 'aria-label': label }) as HTMLElement & { value: string };
  for (const [v, text] of options) node.appendChild(custom('vscode-option', { value: v }, text));
  node.value = value;
  return node;
}

export function pagerButton(text: string, disabled: boolean, onClick: () => void): HTMLElement {
  const b = custom('vscode-button', disabled ? { disabled: '' } : {}, text);
  b.addEventListener('click', () => !disabled && onClick());
  return b;
}

/** An image sample's thumbnail (loaded from the dataset folder through the webview's resource URI). */
export function thumbnail(root: string, row: Pick<SampleRow, 'id' | 'image'>, size: 'small' | 'large'): HTMLElement | null {
  const url = thumbnailUrl(root, row.image);
  if (!url) return null;
  return el('img', { className: `thumbnail ${size}`, attrs: { src: url, alt: `image ${row.image ?? row.id}`, loading: 'lazy', decoding: 'async' } });
}
