import type { SampleRow } from '../src/protocol/webview';
import { VERDICTS } from '../src/protocol/webview';
import { custom, el } from './dom';
import { data, num, persisted, save } from './state';
import { SortKey, VerdictFilter, pageOf, rowKeyTarget, visibleRows } from './tableState';
import { thumbnailUrl } from './thumbnails';

export interface TableActions {
  /** Re-render the table (after a filter, sort or page change). */
  rerender(focusRow?: 'first' | 'last' | string): void;
  select(id: string, reveal: boolean): void;
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
  { key: 'memorization', title: 'memorization', format: (r) => num(r.memorization) },
  { key: 'similarCount', title: 'near-dups', format: (r) => String(r.similarCount) },
  { key: 'entanglement', title: 'entanglement', format: (r) => r.entanglement.toFixed(2) },
  { key: 'labelDisagreement', title: 'label disagr.', format: (r) => r.labelDisagreement.toFixed(2) },
];
const VERDICT_COLUMN: Column = { key: 'verdict', title: 'verdict', format: (r) => r.verdict ?? '' };
/** Sorting by these starts ascending (names); by factors, descending (hardest first). */
const ASCENDING_FIRST = new Set<SortKey>(['rank', 'id', 'label', 'verdict']);

/** The ranked samples: filters, a sortable page of rows, and a pager. Rows are a keyboard-navigable grid. */
export function tableSection(actions: TableActions): HTMLElement {
  const meta = data.meta!;
  const view = persisted.view;
  const shown = visibleRows(data.rows, view);
  const page = pageOf(shown, view.page);
  view.page = page.page;
  const hasVerdicts = data.rows.some((r) => r.verdict);
  const columns = hasVerdicts ? [...COLUMNS, VERDICT_COLUMN] : COLUMNS;
  const refilter = () => ((view.page = 0), save(), actions.rerender());

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

  const table = el('table', { className: 'samples', attrs: { role: 'grid', 'aria-label': 'Samples, hardest first', 'aria-rowcount': String(shown.length + 1) } });
  const headRow = el('tr');
  if (meta.thumbnailRoot) headRow.appendChild(el('th', { text: 'image', attrs: { scope: 'col' } }));
  for (const column of columns) {
    const active = view.sortKey === column.key;
    const th = el('th', { className: `col-${column.key}`, text: `${column.title}${active ? (view.descending ? ' ▼' : ' ▲') : ''}`, attrs: { scope: 'col', tabindex: '0', role: 'columnheader', 'aria-sort': active ? (view.descending ? 'descending' : 'ascending') : 'none' } });
    const sortBy = () => {
      view.descending = view.sortKey === column.key ? !view.descending : !ASCENDING_FIRST.has(column.key);
      view.sortKey = column.key;
      save();
      actions.rerender();
    };
    th.addEventListener('click', sortBy);
    th.addEventListener('keydown', (e) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      sortBy();
    });
    headRow.appendChild(th);
  }
  headRow.appendChild(el('th', { text: 'main reason', attrs: { scope: 'col' } }));
  table.appendChild(el('thead', {}, [headRow]));

  const body = el('tbody');
  const selectedOnPage = page.rows.some((r) => r.id === persisted.selected);
  page.rows.forEach((row, index) => {
    const selected = row.id === persisted.selected;
    // One row is in the tab order (the selected one, else the first); arrows move between rows.
    const tabbable = selected || (!selectedOnPage && index === 0);
    const tr = el('tr', { className: selected ? 'selected' : '', attrs: { tabindex: tabbable ? '0' : '-1', 'data-id': row.id, 'aria-selected': String(selected), 'aria-rowindex': String(page.page * 100 + index + 2) } });
    if (meta.thumbnailRoot) tr.appendChild(el('td', { className: 'thumb' }, [thumbnail(meta.thumbnailRoot, row, 'small')]));
    for (const column of columns) {
      const text = column.format(row);
      // Long ids and labels are cut with an ellipsis (the full text is the cell's tooltip).
      const title = column.key === 'id' || column.key === 'label' ? text : undefined;
      tr.appendChild(el('td', { text, title, className: column.key === 'verdict' && row.verdict ? `col-verdict verdict ${row.verdict}` : `col-${column.key}` }));
    }
    tr.appendChild(el('td', { className: 'reason', text: row.reason, title: row.preview }));
    tr.addEventListener('click', () => actions.select(row.id, true));
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') return void actions.select(row.id, true);
      if (e.key === ' ') {
        e.preventDefault();
        return void actions.select(row.id, false);
      }
      const target = rowKeyTarget(e.key, index, page.rows.length);
      if (target === undefined) return;
      e.preventDefault();
      if (target === 'next-page' || target === 'previous-page') {
        const next = page.page + (target === 'next-page' ? 1 : -1);
        if (next < 0 || next >= page.pages) return;
        view.page = next;
        save();
        actions.rerender(target === 'next-page' ? 'first' : 'last');
        return;
      }
      const rowsEls = body.querySelectorAll<HTMLTableRowElement>('tr');
      rowsEls.forEach((r) => r.setAttribute('tabindex', '-1'));
      rowsEls[target].setAttribute('tabindex', '0');
      rowsEls[target].focus();
    });
    body.appendChild(tr);
  });
  if (page.rows.length === 0) body.appendChild(el('tr', {}, [el('td', { className: 'muted', text: data.rowsDone ? 'No sample matches these filters.' : 'Loading samples…', attrs: { colspan: String(columns.length + 2) } })]));
  table.appendChild(body);

  const turn = (delta: number) => ((view.page += delta), save(), actions.rerender());
  const pager = el('div', { className: 'pager' }, [
    pagerButton('Previous', page.page === 0, () => turn(-1)),
    el('span', { text: `page ${page.page + 1} of ${page.pages} · ${shown.length} of ${data.rows.length} samples${data.rowsDone ? '' : ` (loading… ${data.rows.length} of ${meta.rows})`}`, attrs: { 'aria-live': 'polite' } }),
    pagerButton('Next', page.page >= page.pages - 1, () => turn(1)),
  ]);
  const filters = el('div', { className: 'filters' }, [search, classFilter, verdictFilter]);
  return el('section', { className: 'table', attrs: { 'aria-label': 'Samples, hardest first' } }, [filters, el('div', { className: 'table-scroll' }, [table]), pager]);
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
