// `npm run bench`: speed, memory and rank agreement of the audit against a PyTorch reference,
// printed as tables and written to docs/BENCHMARKS.md. Rows of one table come from one run on one
// machine. Quick iteration: BENCH_SIZES=10000 BENCH_HEADLINE=digits BENCH_THOROUGH_K=8 BENCH_K=16.
// Only the reading rows: BENCH_ONLY=reading (BENCH_READ_BASELINE=<older checkout> adds its rows beside them).
// BENCH_ONLY=cancel measures only how fast a cancelled audit's worker is gone, and replaces only
// that section of docs/BENCHMARKS.md.
// BENCH_ONLY=memorization runs only the out-of-sample memorization comparison and replaces that
// section of docs/BENCHMARKS.md, leaving the others as they were (BENCH_MEM_RESULTS, BENCH_MEM_SETS:
// bench/memorizationResults.ts).
// BENCH_ONLY=similarity runs only the similarity stage of the 60k Fashion-MNIST audit (BENCH_SIMILARITY_BASELINE=<older
// checkout>/src adds the code before beside it, in the same process) and replaces that section.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { BenchData, DIGITS, FASHION, ROOT, benchData, describePlan } from './benchData';
import { CancelSettings, cancelRuns, cancelSection } from './cancelSection';
import { AuditRun, auditOnce } from './childRuns';
import { fixed, table } from './format';
import { extensionLoadSection, measureExtensionLoad } from './extensionLoadSection';
import { headlineSection } from './headlineSection';
import { keptSections } from './keptSections';
import { READING_NOTES } from './notes';
import { cliMeasurements, queueMeasurements, queueSection } from './queueSection';
import { readingSection } from './readingSection';
import { memorizationSection } from './memorizationSection';
import { replaceSection } from './replaceSection';
import { thoroughSection } from './thoroughSection';
import { throughputSection } from './throughputSection';
import { similaritySection } from './similaritySection';
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

/** Models in the queue-versus-threads comparison: enough for the per-job overhead to show. */
const QUEUE_K = 8;

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
    'CPU/wall: CPU time of all the process\'s threads over wall time (2 = both cores busy). ' +
    'Near-dup. candidates: where the similarity stage found them (model-space: the top-50 embedding neighbours, with the share of the exact top-10 input-cosine neighbours among them) and the threshold it chose.\n\n' +
    table(
      ['dataset', 'rows', 'seconds', 'CPU/wall', 'peak MB', 'test acc.', ...phases.map((p) => `${p} s`), 'near-dup. candidates'],
      runs.map((r) => [
        r.label,
        String(r.rows),
        r.seconds.toFixed(1),
        (r.cpuSeconds / r.seconds).toFixed(2),
        fixed(r.maxRssMB, 0),
        fixed(r.testAccuracy, 3),
        ...phases.map((p) => (r.timings[p] ?? 0).toFixed(1)),
        `${r.inputSearch.method}${r.inputSearch.recallAtK === null ? '' : `, recall@10 ${r.inputSearch.recallAtK.toFixed(2)}`}${r.nearDuplicateThreshold === null ? '' : `, ≥ ${r.nearDuplicateThreshold}`}`,
      ]),
    )
  );
}

function cancelSettings(scratch: string): CancelSettings {
  return { dataset: FASHION, label: 'Fashion-MNIST 10k', limit: 10_000, phases: ['training', 'similarity'], repeats: Number(process.env.BENCH_CANCEL_REPEATS ?? 3), scratch };
}

/** BENCH_ONLY=cancel: the cancel section alone, written in place of its old version. */
async function cancelOnly(): Promise<void> {
  const settings = cancelSettings(fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-bench-')));
  const loadBefore = os.loadavg()[0];
  const runs = await cancelRuns(settings);
  fs.rmSync(settings.scratch, { recursive: true, force: true });
  writeSection(cancelSection(settings, runs) + `\n\nMeasured alone (\`BENCH_ONLY=cancel\`) on ${machineLine()}; load average (1 min) ${loadBefore.toFixed(1)} before it started.`);
}

/** BENCH_ONLY=queue: the queue section alone (thorough models and a forget audit), written in place of its old version. */
async function queueOnly(): Promise<void> {
  const loadBefore = os.loadavg()[0];
  const digits = await benchData('digits', DIGITS);
  const runs = await queueMeasurements(digits, QUEUE_K);
  writeSection(
    queueSection(digits, QUEUE_K, runs, await cliMeasurements()) +
      `\n\nMeasured alone (\`BENCH_ONLY=queue\`) on ${machineLine()}; load average (1 min) ${loadBefore.toFixed(1)} before it started` +
      (loadBefore > os.cpus().length * 0.5 ? ': **under load from other processes, so the times are inflated and noisy; read the ratios, not the seconds**.' : '.'),
  );
}

/** BENCH_ONLY=similarity: the similarity stage before/after rows alone, written in place of their old version. */
function similarityOnly(): void {
  writeSection(similaritySection(ROOT, process.env.BENCH_SIMILARITY_BASELINE, Number(process.env.BENCH_SIMILARITY_ROWS ?? 60_000)) + `\n\nMachine: ${machineLine()}.`);
}

/** Replace the section's old version in docs/BENCHMARKS.md (or add it before the reading notes). */
function writeSection(section: string): void {
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  writeFileAtomic(file, replaceSection(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n', section, '## Reading these numbers'));
  console.log('\n' + section);
}

function machineLine(): string {
  const cpus = os.cpus();
  return `${cpus.length} × ${cpus[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** BENCH_ONLY=reading: only the reading rows, replacing that section of docs/BENCHMARKS.md. */
async function readingOnly(settings: BenchSettings): Promise<void> {
  const section = await readingSection(settings.scratch, process.env.BENCH_READ_BASELINE);
  const file = path.join(ROOT, 'docs', 'BENCHMARKS.md');
  const doc = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = doc.indexOf('## Reading a dataset');
  const next = (from: number) => {
    const at = doc.indexOf('\n## ', from);
    return at < 0 ? doc.length : at + 1;
  };
  const updated =
    start >= 0
      ? doc.slice(0, start) + section + '\n\n' + doc.slice(next(start + 1))
      : doc.replace('## Reading these numbers', `${section}\n\n## Reading these numbers`);
  writeFileAtomic(file, updated);
  fs.rmSync(settings.scratch, { recursive: true, force: true });
  console.log(section);
}

const RUN_ALONE = ['reading', 'similarity', 'cancel', 'queue', 'memorization'];

async function main(): Promise<void> {
  const only = process.env.BENCH_ONLY;
  if (only && !RUN_ALONE.includes(only)) throw new Error(`BENCH_ONLY=${only}: the sections that run alone are ${RUN_ALONE.map((o) => `"${o}"`).join(', ')}`);
  if (!fs.existsSync(FASHION)) throw new Error(`${FASHION} missing: run scripts/setup-system.sh`);
  if (process.env.BENCH_ONLY === 'reading') return readingOnly(settingsFromEnv());
  if (process.env.BENCH_ONLY === 'similarity') return similarityOnly();
  // The fast audits run the built CLI: build it from this source first (BENCH_SKIP_BUILD=1: runs
  // in parallel share one build made before them, rather than each rebuilding it under the others).
  if (!process.env.BENCH_SKIP_BUILD) {
    const build = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs')], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
  if (process.env.BENCH_ONLY === 'cancel') return cancelOnly();
  if (process.env.BENCH_ONLY === 'queue') return queueOnly();
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
    if (!process.env.BENCH_MEM_SETS)
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

  console.log('reading speed…');
  sections.push(await readingSection(settings.scratch, process.env.BENCH_READ_BASELINE));

  console.log('fast audits…');
  const runs = [
    auditOnce('digits', DIGITS, undefined, path.join(settings.scratch, 'fast-digits'), digits.dataset.ids),
    ...settings.sizes.map((n) =>
      auditOnce(`Fashion-MNIST ${n / 1000}k`, FASHION, n, path.join(settings.scratch, `fast-${n}`), n === 10_000 ? fashion10k.dataset.ids : undefined),
    ),
  ];
  sections.push(auditSection(runs));

  const largest = Math.max(...settings.sizes);
  console.log(`extension host: activation and first hover on the ${largest / 1000}k audit…`);
  sections.push(extensionLoadSection(await measureExtensionLoad(path.join(settings.scratch, `fast-${largest}`, 'audit.json'), fs.mkdtempSync(path.join(settings.scratch, 'extension-')))));

  console.log('thorough mode…');
  sections.push(thoroughSection([digits, fashion10k], settings));

  console.log('thorough mode on the queue…');
  sections.push(queueSection(digits, QUEUE_K, await queueMeasurements(digits, QUEUE_K), await cliMeasurements()));

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

  console.log('cancel…');
  const cancel = cancelSettings(settings.scratch);
  sections.push(cancelSection(cancel, await cancelRuns(cancel)));

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
    [...sections, ...keptSections(path.join(ROOT, 'docs', 'BENCHMARKS.md'))].join('\n\n') +
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
