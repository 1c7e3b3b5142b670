// BENCH_MEM_RESULTS=<dir>: each data set's candidates and fast audit are kept there and reused, so
// the sets can run in separate processes (BENCH_MEM_SETS=a,b computes only those and writes no
// section) and a final run only assembles the section from them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AuditRun } from './childRuns';
import type { CandidateRun } from './memorizationCandidates';

export interface SetRun {
  run: CandidateRun;
  audit: AuditRun;
  /** Load average (1 min) just before the fast audit ran. */
  load: number;
}

const encode = (_: string, v: unknown) =>
  v instanceof Float32Array ? { f32: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') } : v;

function decode(_: string, v: unknown): unknown {
  if (v && typeof v === 'object' && 'f32' in v && typeof (v as { f32: unknown }).f32 === 'string') {
    const buf = Buffer.from((v as { f32: string }).f32, 'base64');
    return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  }
  return v;
}

const fileFor = (dir: string, name: string) => path.join(dir, `set-${name.replace(/\W+/g, '-')}.json`);

/** The kept run of a data set, or null when there is none (or no results directory). */
export function keptSetRun(dir: string | undefined, name: string): SetRun | null {
  if (!dir || !fs.existsSync(fileFor(dir, name))) return null;
  return JSON.parse(fs.readFileSync(fileFor(dir, name), 'utf8'), decode) as SetRun;
}

export function keepSetRun(dir: string | undefined, name: string, setRun: SetRun): void {
  if (!dir) return;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(fileFor(dir, name), JSON.stringify(setRun, encode));
}
