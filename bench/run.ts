// `npm run bench`: speed, memory and rank agreement of the audit against a PyTorch reference,
// printed as tables and written to docs/BENCHMARKS.md. Rows of one table come from one run on one
// machine. Quick iteration: BENCH_SIZES=10000 BENCH_HEADLINE=digits BENCH_THOROUGH_K=8 BENCH_K=16.
// BENCH_ONLY=memorization runs only the out-of-sample memorization comparison and replaces that
// section of docs/BENCHMARKS.md, leaving the others as they were.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { BenchData, DIGITS, FASHION, ROOT, benchData, describePlan } from './benchData';
import { AuditRun, auditOnce } from './childRuns';
import { fixed, table } from './format';
import { headlineSection } from './headlineSection';
import { memorizationSection } from './memorizationSection';
import { READING_NOTES } from './notes';
import { replaceSection } from './replaceSection';
import { thoroughSection } from './thoroughSection';
import { throughputSection } from './throughputSection';
import { INSTALL_HINT, SYSTEM_PYTHON, torchUnavailable } from './torchReference';

export interface BenchSettings {
  /** Fashion-MNIST sizes for the end-to-end fast audit. */
  sizes: number[];
  /** Models in the thorough-mode comparison (both implementations). */
  thoroughK: number;
  /** Models in the headline reference estimator. */
  referenceK: number;
  /** Data sets of the headline comparison: digits and/or Fashion-MNIST sizes. */
  headline: string[];
  /** Why PyTorch rows are skipped, or null when PyTorch is there. */
  torchMissing: string | null;
  scratch: string;
}

function settingsFromEnv(): BenchSettings {
  const list = (name: string, fallback: string) => (process.env[name] ?? fallback).split(',').filter(Boolean);
  return {
    sizes: list('BENCH_SIZES', '10000,60000').map(Number),
    thoroughK: Number(process.env.BENCH_THOROUGH_K ?? 16),
    referenceK: Number(process.env.BENCH_K ?? 64),
    headline: list('BENCH_HEADLINE', 'digits,10000'),
    torchMissing: torchUnavailable(),
    scratch: fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-bench-')),
  };
}

/** Least-squares slope of log(seconds) on log(rows): time grows like rows^slope. */
function growthExponent(runs: AuditRun[]): number {
  const xs = runs.map((r) => Math.log(r.rows));
  const ys = runs.map((r) => Math.log(r.seconds));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const num = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
  const den = xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return num / den;
}

function auditSection(runs: AuditRun[]): string {
  const phases = ['reading', 'training', 'memorization', 'embeddings', 'similarity', 'factors'];
  return (
    `## Fast-mode audit, end to end\n\nTime grows like N^${growthExponent(runs).toFixed(2)} over these sizes. Targets: Fashion-MNIST 60k in < 300 s and < 4096 MB. ` +
    'Each audit is the built CLI (`forgetlens audit`) in a process of its own, timed from process start to exit; peak memory is its maximum resident set (GNU time). ' +
    '"training" includes memorization\'s two cross-fit models, which train in worker threads at the same time; "memorization" is only what is left after. ' +
    'CPU/wall: CPU time of all the process\'s threads over wall time (2 = both cores busy).\n\n' +
    table(
      ['dataset', 'rows', 'seconds', 'CPU/wall', 'peak MB', 'test acc.', ...phases.map((p) => `${p} s`)],
      runs.map((r) => [
        r.label,
        String(r.rows),
        r.seconds.toFixed(1),
        (r.cpuSeconds / r.seconds).toFixed(2),
        fixed(r.maxRssMB, 0),
        fixed(r.testAccuracy, 3),
        ...phases.map((p) => (r.timings[p] ?? 0).toFixed(1)),
      ]),
    )
  );
}

function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

async function main(): Promise<void> {
  if (!fs.existsSync(FASHION)) throw new Error(`${FASHION} missing: run scripts/setup-system.sh`);
  // The fast audits run the built CLI: build it from this source first.
  const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  const settings = settingsFromEnv();
  const loadBefore = os.loadavg();
  const started = performance.now();
  if (settings.torchMissing) {
    console.log(`PyTorch reference skipped: ${settings.torchMissing}. Install Debian's PyTorch with: ${INSTALL_HINT} (run by ${SYSTEM_PYTHON}).`);
  }
  if (process.env.BENCH_ONLY === 'memorization') {
    const loadAtStart = os.loadavg()[0];
    const section =
      (await memorizationSection(settings)) +
      `\n\nThis section was run alone (BENCH_ONLY=memorization) at ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; load average (1 min) ${loadAtStart.toFixed(1)} at its start on ${os.cpus().length} cores` +
      (loadAtStart > os.cpus().length * 0.5 ? ': **under load from other processes, so its wall times are inflated and its speed-ups noisy; the CPU-time speed-ups are the more robust**.' : '.');
    const doc = path.join(ROOT, 'docs', 'BENCHMARKS.md');
    writeFileAtomic(doc, replaceSection(fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n', section, '## Reading these numbers'));
    fs.rmSync(settings.scratch, { recursive: true, force: true });
    console.log('\n' + section);
    return;
  }
  const digits = await benchData('digits', DIGITS);
  const fashion10k = await benchData('Fashion-MNIST 10k', FASHION, 10_000);
  const sections: string[] = [];

  console.log('training throughput…');
  sections.push(await throughputSection([digits, fashion10k], settings));

  console.log('fast audits…');
  const runs = [
    auditOnce('digits', DIGITS, undefined, path.join(settings.scratch, 'fast-digits'), digits.dataset.ids),
    ...settings.sizes.map((n) =>
      auditOnce(`Fashion-MNIST ${n / 1000}k`, FASHION, n, path.join(settings.scratch, `fast-${n}`), n === 10_000 ? fashion10k.dataset.ids : undefined),
    ),
  ];
  sections.push(auditSection(runs));

  console.log('thorough mode…');
  sections.push(thoroughSection([digits, fashion10k], settings));

  console.log('headline: fast audit versus the PyTorch subsample estimator…');
  const headlineData: Array<{ data: BenchData; fast: AuditRun }> = [];
  for (const name of settings.headline) {
    if (name === 'digits') headlineData.push({ data: digits, fast: runs[0] });
    else {
      const n = Number(name);
      const data = n === 10_000 ? fashion10k : await benchData(`Fashion-MNIST ${n / 1000}k`, FASHION, n);
      const fast = runs.find((r) => r.rows === n && r.scores) ?? auditOnce(data.label, FASHION, n, path.join(settings.scratch, `fast-headline-${n}`), data.dataset.ids);
      headlineData.push({ data, fast });
    }
  }
  sections.unshift(headlineSection(headlineData, settings));

  console.log('memorization, out of sample…');
  sections.splice(1, 0, await memorizationSection(settings));

  const loadAfter = os.loadavg();
  const minutes = (performance.now() - started) / 60_000;
  const load = `Load average (1 min) ${loadBefore[0].toFixed(1)} at the start and ${loadAfter[0].toFixed(1)} at the end of this ${minutes.toFixed(0)}-minute run on ${os.cpus().length} cores`;
  // The bench keeps both cores busy itself, so only the load before it started tells of other processes.
  const underLoad = loadBefore[0] > os.cpus().length * 0.5;
  const body =
    `# Benchmarks\n\nMachine: ${machineLine()}. Backend: ${runs[0].backend} (TF.js). ${load}` +
    (underLoad ? ': **taken under load from other processes, so every time here is pessimistic and noisy; rerun on a quiet machine for clean numbers**.' : '.') +
    `\n\nRegenerate with \`npm run bench\` (quick: BENCH_SIZES=10000 BENCH_HEADLINE=digits BENCH_THOROUGH_K=8 BENCH_K=16). ` +
    `Training plans (sized from the data, as the audit does): digits ${describePlan(digits)}; Fashion-MNIST 10k ${describePlan(fashion10k)}.\n\n` +
    sections.join('\n\n') +
    '\n\n' +
    READING_NOTES +
    '\n';
  writeFileAtomic(path.join(ROOT, 'docs', 'BENCHMARKS.md'), body);
  fs.rmSync(settings.scratch, { recursive: true, force: true });
  console.log('\n' + body);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
