// Measurements that need a process of their own (peak memory, CPU time of all its threads).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
  maxRssMB: number;
  timings: Record<string, number>;
  backend: string;
  testAccuracy: number | null;
  /** Per-sample fast-mode scores in dataset order, when asked for. */
  scores?: Record<(typeof EXPORTED_FACTORS)[number], Float32Array>;
}

export function auditOnce(label: string, dataset: string, limit: number | undefined, scoresPrefix?: string): AuditRun {
  const run = runChild('auditOnce.ts', [dataset, limit ? String(limit) : '', scoresPrefix ?? ''], label) as unknown as AuditRun;
  const scores = scoresPrefix
    ? (Object.fromEntries(EXPORTED_FACTORS.map((f) => [f, readF32(`${scoresPrefix}.${f}.f32`)])) as AuditRun['scores'])
    : undefined;
  return { ...run, label, scores };
}

export interface SubsampleRun {
  k: number;
  workers: number;
  seconds: number;
  cpuSeconds: number;
  secondsPerModel: number;
  hard: Float32Array;
}

export function subsampleOnce(dataset: string, limit: number | undefined, k: number, workers: number, out: string): SubsampleRun {
  const run = runChild('subsampleOnce.ts', [dataset, limit ? String(limit) : '', String(k), String(workers), out], `ForgetLens K=${k}`);
  return { ...(run as unknown as Omit<SubsampleRun, 'hard'>), hard: readF32(out) };
}
