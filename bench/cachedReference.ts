// The K ≥ 64 PyTorch reference is the slow part of the memorization comparison: computed once per
// data set and plan, and kept in the bench's cache directory (not committed).
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BenchData, describePlan } from './benchData';
import { readF32 } from './childRuns';
import { CACHE_DIR } from './memorizationData';
import { torchReference } from './torchReference';

export interface CachedReference {
  k: number;
  seconds: number;
  cpuSeconds: number;
  hard: Float32Array;
  soft: Float32Array;
  /** The hard estimate from each half of the models (how reproducible the reference is). */
  hardA: Float32Array;
  hardB: Float32Array;
}

const ARRAYS = ['hard', 'soft', 'hardA', 'hardB'] as const;

export function cacheKey(d: BenchData, k: number): string {
  const h = createHash('sha256').update(`${d.dataset.sha256}|${d.limit ?? ''}|${describePlan(d)}|${d.train.seed}|${k}`).digest('hex');
  return path.join(CACHE_DIR, `reference-${h.slice(0, 16)}`);
}

/** Whether the process named in a lock file is still running. */
function lockHeld(lock: string): boolean {
  try {
    process.kill(Number(fs.readFileSync(lock, 'utf8')), 0);
    return true;
  } catch {
    return false;
  }
}

/** Another bench run computing the same reference: wait for its result rather than compute it twice. */
function waitForOtherRun(base: string): void {
  const lock = `${base}.lock`;
  while (fs.existsSync(lock) && !fs.existsSync(`${base}.json`) && lockHeld(lock)) {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5000);
  }
}

export function cachedReference(d: BenchData, k: number): CachedReference {
  const base = cacheKey(d, k);
  waitForOtherRun(base);
  if (fs.existsSync(`${base}.json`)) {
    const meta = JSON.parse(fs.readFileSync(`${base}.json`, 'utf8'));
    return { ...meta, ...Object.fromEntries(ARRAYS.map((a) => [a, readF32(`${base}.${a}.f32`)])) };
  }
  fs.writeFileSync(`${base}.lock`, String(process.pid));
  const run = torchReference(d);
  try {
    const ref = run.subsample(k, 2);
    for (const a of ARRAYS) fs.writeFileSync(`${base}.${a}.f32`, Buffer.from(ref[a].buffer, ref[a].byteOffset, ref[a].byteLength));
    const meta = { k, seconds: ref.seconds, cpuSeconds: ref.cpuSeconds };
    fs.writeFileSync(`${base}.json`, JSON.stringify(meta));
    return { ...meta, hard: ref.hard, soft: ref.soft, hardA: ref.hardA, hardB: ref.hardB };
  } finally {
    run.dispose();
    fs.rmSync(`${base}.lock`, { force: true });
  }
}
