// Runs bench/torch_reference.py with Debian's system python and python3-torch on the bench's data.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BenchData } from './benchData';
import { SubsampleCost, readF32 } from './childRuns';

/** Debian's own python: python3 first on PATH may be another installation without torch. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const INSTALL_HINT = 'sudo apt-get install python3-torch';
const SCRIPT = path.join(__dirname, 'torch_reference.py');

/** null when PyTorch can be imported, else why not. */
export function torchUnavailable(): string | null {
  if (!fs.existsSync(SYSTEM_PYTHON)) return `${SYSTEM_PYTHON} not found`;
  const probe = spawnSync(SYSTEM_PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  return probe.status === 0 ? null : `${SYSTEM_PYTHON} -c 'import torch' failed: ${(probe.stderr || '').trim().split('\n').pop()}`;
}

export interface TorchThroughput {
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
  seconds: number;
  threads: number;
  torch: string;
}

export interface TorchSubsample extends SubsampleCost {
  /** Per sample, NaN off the training rows: F&Z hard estimate, its soft version, the hard one's standard error. */
  hard: Float32Array;
  soft: Float32Array;
  stderr: Float32Array;
  /** The hard estimate from the first and from the second half of the models. */
  hardA: Float32Array;
  hardB: Float32Array;
}

const ESTIMATES = ['hard', 'soft', 'stderr', 'hardA', 'hardB'] as const;

/** Write the rows once per data set; the python side memory-maps nothing, it just reads them. */
function exportData(d: BenchData): { dir: string; base: Record<string, unknown> } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-bench-'));
  const write = (name: string, a: Float32Array | Int32Array) => {
    fs.writeFileSync(path.join(dir, name), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
    return path.join(dir, name);
  };
  const base = {
    n: d.dataset.y.length,
    d: d.dataset.numFeatures,
    classes: d.dataset.classes.length,
    hidden: d.arch.hidden,
    epochs: d.train.epochs,
    batch: d.train.batchSize,
    lr: d.train.learningRate,
    seed: d.train.seed,
    x: write('X.f32', d.dataset.X),
    y: write('y.i32', d.dataset.y),
    train: write('train.i32', d.split.trainIdx),
  };
  return { dir, base };
}

function run(dir: string, job: Record<string, unknown>): Record<string, unknown> {
  const jobFile = path.join(dir, `job-${Date.now()}.json`);
  fs.writeFileSync(jobFile, JSON.stringify(job));
  const result = spawnSync(SYSTEM_PYTHON, [SCRIPT, jobFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`PyTorch reference failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}

/** A handle on one exported data set for several PyTorch runs; dispose() removes the files. */
export function torchReference(d: BenchData) {
  const { dir, base } = exportData(d);
  return {
    throughput(threads: number, epochs = d.train.epochs): TorchThroughput {
      return run(dir, { ...base, task: 'throughput', threads, epochs }) as unknown as TorchThroughput;
    },
    subsample(k: number, workers: number): TorchSubsample {
      const out = path.join(dir, `subsample-${k}`);
      const summary = run(dir, { ...base, task: 'subsample', k, workers, fraction: 0.7, out });
      const estimates = Object.fromEntries(ESTIMATES.map((name) => [name, readF32(`${out}.${name}.f32`)]));
      return { ...summary, ...estimates } as unknown as TorchSubsample;
    },
    dispose(): void {
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
