import * as fs from 'node:fs';
import * as path from 'node:path';
import { runForgetAudit } from '../src/core/forget/runForgetAudit';
import { ForgetReport } from '../src/core/forget/schema';
import { AlgorithmName } from '../src/core/unlearn/types';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { Request } from './requests';

/** What one simulated deletion left behind, per requested sample: all the fit needs, cached per request and seed. */
export interface Outcome {
  key: string;
  seed: number;
  entanglementScore: number | null;
  /** Mean p_original − p_retrained over F: how much there was to remove. */
  gap: number;
  /** Per algorithm: mean p_original − p_unlearned over F (does it move the forget set at all?) and ToW. */
  algorithms: Array<{ name: string; moved: number; tow: number; seconds?: number }>;
  /** Where the simulation spent its time, wall clock (absent in older caches). */
  seconds?: { original: number; retrainEach: number; carrierRetrains: number; unlearning: number; total: number };
  samples: Array<{
    id: string;
    pOriginal: number;
    pRetrain: number;
    pRetrainWithoutCarriers: number | null;
    residual: Record<string, number>;
    verdict: string;
  }>;
}

export interface SimulationSettings {
  algorithms: AlgorithmName[];
  retrainSeeds: number;
  epochs?: number;
  workers?: number;
  /** The dataset's audit under this seed: reused instead of re-run inside every simulated deletion. */
  auditFile?: string;
}

export function cacheFileOf(outDir: string, request: Request, seed: number): string {
  return path.join(outDir, 'requests', `${request.key}-s${seed}.json`);
}

export function readCachedOutcome(outDir: string, request: Request, seed: number): Outcome | undefined {
  const cache = cacheFileOf(outDir, request, seed);
  return fs.existsSync(cache) ? (JSON.parse(fs.readFileSync(cache, 'utf8')) as Outcome) : undefined;
}

/** The request's ids as a `forget --forget FILE` list (the report names this file). */
export function writeForgetFile(outDir: string, request: Request): string {
  const forgetFile = path.join(outDir, 'forget-sets', `${request.key}.txt`);
  fs.mkdirSync(path.dirname(forgetFile), { recursive: true });
  fs.writeFileSync(forgetFile, request.ids.join('\n') + '\n');
  return forgetFile;
}

/** The forget audit's options for one (request, seed), the same locally and on the queue. */
export function forgetOptions(seed: number, settings: SimulationSettings) {
  return {
    seed,
    algorithms: settings.algorithms,
    retrainSeeds: settings.retrainSeeds,
    epochs: settings.epochs,
    auditFile: settings.auditFile,
    label: 'label',
    id: 'id',
  };
}

/** Summarise a finished forget audit and cache it, so a rerun does not compute it again. */
export function storeOutcome(report: ForgetReport, request: Request, seed: number, seconds: number, outDir: string): Outcome {
  const outcome = summarise(report, request.key, seed, seconds);
  const cache = cacheFileOf(outDir, request, seed);
  fs.mkdirSync(path.dirname(cache), { recursive: true });
  writeFileAtomic(cache, JSON.stringify(outcome));
  return outcome;
}

/** Run the project's forget audit on one request (or read the cached result of an earlier run). */
export async function simulate(datasetFile: string, request: Request, seed: number, settings: SimulationSettings, outDir: string): Promise<Outcome> {
  const cached = readCachedOutcome(outDir, request, seed);
  if (cached) return cached;
  const forgetFile = writeForgetFile(outDir, request);
  const t0 = performance.now();
  const report = await runForgetAudit(datasetFile, { ...forgetOptions(seed, settings), forgetFile, workers: settings.workers });
  return storeOutcome(report, request, seed, (performance.now() - t0) / 1000, outDir);
}

function summarise(report: ForgetReport, key: string, seed: number, total: number): Outcome {
  const algorithms = report.algorithms.map((a) => ({
    name: a.name,
    moved: round4(report.samples.reduce((s, x) => s + x.pOriginal - (x.pUnlearned[a.name] ?? x.pOriginal), 0) / report.samples.length),
    tow: a.tow,
    seconds: round4(a.seconds),
  }));
  return {
    key,
    seed,
    entanglementScore: report.forget.entanglementScore,
    seconds: {
      original: round4(report.original.seconds),
      retrainEach: round4(report.retrain.seconds),
      carrierRetrains: round4(report.carrierRetrain.seconds),
      unlearning: round4(report.algorithms.reduce((s, a) => s + a.seconds, 0)),
      total: round4(total),
    },
    gap: round4(report.samples.reduce((s, x) => s + x.pOriginal - x.pRetrain, 0) / report.samples.length),
    algorithms,
    samples: report.samples.map((s) => ({
      id: s.id,
      pOriginal: s.pOriginal,
      pRetrain: s.pRetrain,
      pRetrainWithoutCarriers: s.pRetrainWithoutCarriers,
      residual: s.residual,
      verdict: s.verdict,
    })),
  };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
