import * as fs from 'node:fs';
import * as path from 'node:path';
import { Table } from './table';

/** Write the table where an audit can read it; returns the path to give runAudit / runForgetAudit. */
export function writeTable(table: Table, dir: string): string {
  return table.format === 'idx' ? writeIdx(table, dir) : writeCsv(table, dir);
}

function writeCsv(table: Table, dir: string): string {
  const file = path.join(dir, `${table.name}.csv`);
  const header = ['id', ...table.columns, 'label'].join(',');
  const lines = table.rows.map((row, i) => [table.ids[i], ...row, table.labels[i]].join(','));
  fs.writeFileSync(file, [header, ...lines].join('\n') + '\n');
  return file;
}

/** An uncompressed IDX pair (images idx3, labels idx1) beside each other, as the IDX reader expects. */
function writeIdx(table: Table, dir: string): string {
  const side = table.imageSide!;
  const n = table.rows.length;
  const images = Buffer.alloc(16 + n * side * side);
  images.writeUInt32BE(2051, 0);
  images.writeUInt32BE(n, 4);
  images.writeUInt32BE(side, 8);
  images.writeUInt32BE(side, 12);
  table.rows.forEach((row, i) => row.forEach((v, j) => (images[16 + i * side * side + j] = Math.max(0, Math.min(255, Math.round(v))))));
  const labels = Buffer.alloc(8 + n);
  labels.writeUInt32BE(2049, 0);
  labels.writeUInt32BE(n, 4);
  table.labels.forEach((l, i) => (labels[8 + i] = Number(l)));
  const imagesFile = path.join(dir, `${table.name}-train-images-idx3-ubyte`);
  fs.writeFileSync(imagesFile, images);
  fs.writeFileSync(path.join(dir, `${table.name}-train-labels-idx1-ubyte`), labels);
  return imagesFile;
}

export function writeIdList(dir: string, name: string, ids: string[]): string {
  const file = path.join(dir, `${name}.txt`);
  fs.writeFileSync(file, ids.join('\n') + '\n');
  return file;
}
