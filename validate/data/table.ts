/** A labelled dataset held in memory before the harness writes it where the audits read it. */
export interface Table {
  name: string;
  /** How it is written: a CSV with an id column, or an IDX image/label pair (ids are row numbers). */
  format: 'csv' | 'idx';
  ids: string[];
  rows: number[][];
  labels: string[];
  /** Feature column names (CSV) or, for IDX, one name per pixel. */
  columns: string[];
  /** IDX only: the image side. */
  imageSide?: number;
}

export function classesOf(table: Table): string[] {
  return [...new Set(table.labels)].sort();
}

/** Deep enough copy that planting into it never changes the source table. */
export function copyTable(table: Table, name: string): Table {
  return { ...table, name, ids: table.ids.slice(), rows: table.rows.map((r) => r.slice()), labels: table.labels.slice() };
}
