// Measurements that need a process of their own (peak memory, CPU time of all its threads).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditReport } from '../src/core/report/auditSchema';
import { EXPORTED_FACTORS, ROOT } from './benchData';

function runChild(script: string, args: string[], label: string): Record<string, unknown> {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(__dirname, script), ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

export function readF32(file: string): Float32Array {
  const buf = fs.readFileSync(file);
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export interface AuditRun {
  label: string;
  rows: number;
  seconds: number;
  cpuSeconds: number;
  /** Peak resident memory of the CLI process, when /usr/bin/time is there to measure it. */
  maxRssMB: number | null;
  timings: Record<string, number>;
  backend: string;
  testAccuracy: number | null;
  /** How near-duplicate candidates were found and the share of exact top-10 input neighbours among them. */
  inputSearch: AuditReport['diagnostics']['inputSearch'];
  /** The near-duplicate threshold the audit chose (absent from older builds). */
  nearDuplicateThreshold: number | null;
  /** Per-sample fast-mode scores in the order of `ids`, when asked for. */
  scores?: Record<(typeof EXPORTED_FACTORS)[number], Float32Array>;
}

const CLI = path.join(ROOT, 'bin', 'forgetlens.js');
const GNU_TIME = '/usr/bin/time';

/**
 * One fast audit by the built CLI (what users run: bundled code, bundled training worker), in a
 * process of its own, timed end to end from process start; peak memory from GNU time.
 * With `ids`, the samples' scores are returned in that order.
 */
export function auditOnce(label: string, dataset: string, limit: number | undefined, out: string, ids?: string[]): AuditRun {
  const cliArgs = [CLI, 'audit', dataset, '--out', out, '--no-progress', '--top', '0', ...(limit ? ['--limit', String(limit)] : [])];
  const timed = fs.existsSync(GNU_TIME);
  const started = performance.now();
  const result = timed
    ? spawnSync(GNU_TIME, ['-f', 'GNU_TIME %M %U %S', process.execPath, ...cliArgs], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 })
    : spawnSync(process.execPath, cliArgs, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  const seconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
  const usage = /GNU_TIME (\d+) ([\d.]+) ([\d.]+)/.exec(result.stderr);
  const report = JSON.parse(fs.readFileSync(path.join(out, 'audit.json'), 'utf8')) as AuditReport;
  let scores: AuditRun['scores'];
  if (ids) {
    const index = new Map(ids.map((id, i) => [id, i]));
    const columns = EXPORTED_FACTORS.map((f) => [f, new Float32Array(ids.length).fill(NaN)] as const);
    for (const s of report.samples) for (const [f, values] of columns) values[index.get(s.id)!] = s.factors[f] ?? NaN;
    scores = Object.fromEntries(columns) as AuditRun['scores'];
  }
  return {
    label,
    rows: report.dataset.rows,
    seconds,
    cpuSeconds: usage ? Number(usage[2]) + Number(usage[3]) : NaN,
    maxRssMB: usage ? Number(usage[1]) / 1024 : null,
    timings: report.timings,
    backend: report.model.backend,
    testAccuracy: report.model.testAccuracy,
    inputSearch: report.diagnostics.inputSearch,
    nearDuplicateThreshold: report.diagnostics.nearDuplicates?.threshold ?? null,
    scores,
  };
}

/** What one run of the K-model subsample estimator costs, whichever implementation ran it. */
export interface SubsampleCost {
  k: number;
  workers: number;
  seconds: number;
  cpuSeconds: number;
  secondsPerModel: number;
}

export interface SubsampleRun extends SubsampleCost {
  hard: Float32Array;
}

export function subsampleOnce(dataset: string, limit: number | undefined, k: number, workers: number, out: string): SubsampleRun {
  const run = runChild('subsampleOnce.ts', [dataset, limit ? String(limit) : '', String(k), String(workers), out], `ForgetLens K=${k}`);
  return { ...(run as unknown as Omit<SubsampleRun, 'hard'>), hard: readF32(out) };
}
