import { Table, classesOf } from './table';

/** Give each listed row another label (deterministic: the next class, shifted by the row's position). */
export function mislabel(table: Table, rowIndices: number[]): void {
  const classes = classesOf(table);
  for (const i of rowIndices) {
    const own = classes.indexOf(table.labels[i]);
    const shift = 1 + (i % (classes.length - 1));
    table.labels[i] = classes[(own + shift) % classes.length];
  }
}

/**
 * Append `copies` near-copies of each listed row, same label: copy c moves one feature (the first
 * strictly inside its column's range) by c% of that range. Returns the ids of the copies per row.
 */
export function appendNearCopies(table: Table, rowIndices: number[], copies: number): Map<string, string[]> {
  const lo = table.columns.map((_, j) => Math.min(...table.rows.map((r) => r[j])));
  const hi = table.columns.map((_, j) => Math.max(...table.rows.map((r) => r[j])));
  const out = new Map<string, string[]>();
  for (const i of rowIndices) {
    const source = table.rows[i];
    const j = source.findIndex((v, col) => v > lo[col] && v < hi[col]);
    const ids: string[] = [];
    for (let c = 1; c <= copies; c++) {
      const row = source.slice();
      const step = ((hi[j] - lo[j]) * c) / 100;
      row[j] = table.format === 'idx' ? Math.min(hi[j], row[j] + Math.max(1, Math.round(step))) : row[j] + step;
      const id = table.format === 'idx' ? String(table.ids.length + 1) : `${table.ids[i]}c${c}`;
      table.ids.push(id);
      table.rows.push(row);
      table.labels.push(table.labels[i]);
      ids.push(id);
    }
    out.set(table.ids[i], ids);
  }
  return out;
}
