import type { SampleRow, Verdict } from '../src/protocol/webview';

export type SortKey = 'rank' | 'difficulty' | 'memorization' | 'confidence' | 'similarCount' | 'entanglement' | 'labelDisagreement' | 'id' | 'label' | 'verdict';

/** '' shows every sample, 'requested' every sample of the forget set, a verdict only those. */
export type VerdictFilter = '' | 'requested' | Verdict;

export interface TableView {
  sortKey: SortKey;
  descending: boolean;
  text: string;
  label: string;
  verdict: VerdictFilter;
  page: number;
}

export const DEFAULT_VIEW: TableView = { sortKey: 'rank', descending: false, text: '', label: '', verdict: '', page: 0 };

export const PAGE_SIZE = 100;

/** The rows to show: filtered by class, forget-set verdict and free text (id, label, reason, preview), then sorted. */
export function visibleRows(rows: SampleRow[], view: TableView): SampleRow[] {
  const text = view.text.trim().toLowerCase();
  const verdict = view.verdict ?? '';
  const filtered = rows.filter(
    (r) =>
      (view.label === '' || r.label === view.label) &&
      (verdict === '' || (verdict === 'requested' ? r.verdict !== undefined : r.verdict === verdict)) &&
      (text === '' || r.id.toLowerCase().includes(text) || r.reason.toLowerCase().includes(text) || r.preview.toLowerCase().includes(text)),
  );
  const sign = view.descending ? -1 : 1;
  return filtered.sort((a, b) => nullsLast(a[view.sortKey], b[view.sortKey]) ?? (sign * compare(a[view.sortKey], b[view.sortKey]) || a.rank - b.rank));
}

/** Nulls sort last whatever the direction; undefined when neither is null. */
function nullsLast(a: unknown, b: unknown): number | undefined {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull && bNull) return 0;
  if (aNull) return 1;
  if (bNull) return -1;
  return undefined;
}

export function pageOf<T>(rows: T[], page: number): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  const clamped = Math.min(Math.max(0, page), pages - 1);
  return { rows: rows.slice(clamped * PAGE_SIZE, (clamped + 1) * PAGE_SIZE), page: clamped, pages };
}

/** The page on which a sample appears under the current view, or undefined if it is filtered out. */
export function pageOfSample(rows: SampleRow[], view: TableView, id: string): number | undefined {
  const index = visibleRows(rows, view).findIndex((r) => r.id === id);
  return index < 0 ? undefined : Math.floor(index / PAGE_SIZE);
}

/**
 * Keyboard moves in the table: the row index to focus after `key` on row `index` of a page of
 * `count` rows, 'previous-page' / 'next-page' to turn the page, or undefined for other keys.
 */
export function rowKeyTarget(key: string, index: number, count: number): number | 'previous-page' | 'next-page' | undefined {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return 'next-page';
    case 'PageUp':
      return 'previous-page';
    default:
      return undefined;
  }
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
