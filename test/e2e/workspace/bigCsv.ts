import * as fs from 'node:fs';

/** The digits repeated with new ids: large enough that its audit runs long enough to cancel it. */
export function writeBigCsv(digitsCsv: string, target: string, copies: number): { file: string; rows: number } {
  const [header, ...rows] = fs.readFileSync(digitsCsv, 'utf8').trim().split('\n');
  const out = [header];
  for (let copy = 0; copy < copies; copy++) for (const row of rows) out.push(row.replace(/^d/, `c${copy}_`));
  fs.writeFileSync(target, out.join('\n') + '\n');
  return { file: target, rows: out.length - 1 };
}
