import type { SampleRow, Verdict } from '../src/protocol/webview';

export type SortKey = 'rank' | 'difficulty' | 'residualRisk' | 'persistence' | 'memorization' | 'confidence' | 'similarCount' | 'entanglement' | 'labelDisagreement' | 'id' | 'label' | 'verdict';

/** '' shows every sample, 'requested' every sample of the forget set, a verdict only those. */
export type VerdictFilter = '' | 'requested' | Verdict;

export interface TableView {
  sortKey: SortKey;
  descending: boolean;
  text: string;
  label: string;
  verdict: VerdictFilter;
}

export const DEFAULT_VIEW: TableView = { sortKey: 'rank', descending: false, text: '', label: '', verdict: '' };

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

/** Where a sample is in the rows shown under the current view, or undefined if it is filtered out. */
export function indexOfSample(rows: SampleRow[], view: TableView, id: string): number | undefined {
  const index = visibleRows(rows, view).findIndex((r) => r.id === id);
  return index < 0 ? undefined : index;
}

/**
 * Keyboard moves in the grid: the row to make active after `key` on row `index` of `count` rows,
 * when `pageRows` rows fit on screen; undefined for other keys.
 */
export function rowKeyTarget(key: string, index: number, count: number, pageRows: number): number | undefined {
  const clamp = (i: number) => Math.min(count - 1, Math.max(0, i));
  switch (key) {
    case 'ArrowDown':
      return clamp(index + 1);
    case 'ArrowUp':
      return clamp(index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    case 'PageDown':
      return clamp(index + pageRows);
    case 'PageUp':
      return clamp(index - pageRows);
    default:
      return undefined;
  }
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
