import type { SampleRow } from '../src/protocol/webview';

export type SortKey = 'rank' | 'difficulty' | 'memorization' | 'confidence' | 'similarCount' | 'entanglement' | 'labelDisagreement' | 'id' | 'label';

export interface TableView {
  sortKey: SortKey;
  descending: boolean;
  text: string;
  label: string;
  page: number;
}

export const PAGE_SIZE = 100;

/** The rows to show: filtered by class and free text (id, label, reason, preview), then sorted. */
export function visibleRows(rows: SampleRow[], view: TableView): SampleRow[] {
  const text = view.text.trim().toLowerCase();
  const filtered = rows.filter(
    (r) =>
      (view.label === '' || r.label === view.label) &&
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

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return String(a).localeCompare(String(b), undefined, { numeric: true });
}
