// `npm run bench`: speed and memory of the audit, printed as a table and written to docs/BENCHMARKS.md.
// Each measurement runs in its own process; rows of one table come from one run on one machine.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { trainingThroughput } from './trainingThroughput';

const ROOT = path.join(__dirname, '..');
const DIGITS = path.join(ROOT, 'examples', 'digits.csv');
const FASHION = '/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz';

interface AuditRun {
  label: string;
  rows: number;
  seconds: number;
  maxRssMB: number;
  timings: Record<string, number>;
  backend: string;
}

function auditOnce(label: string, dataset: string, limit?: number): AuditRun {
  const args = ['--import', 'tsx', path.join(__dirname, 'auditOnce.ts'), dataset, limit ? String(limit) : ''];
  const result = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${label} failed: ${result.stderr}`);
  return { label, ...JSON.parse(result.stdout.trim().split('\n').pop()!) };
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

function table(header: string[], rows: string[][]): string {
  return [`| ${header.join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

async function main(): Promise<void> {
  if (!fs.existsSync(FASHION)) throw new Error(`${FASHION} missing: run scripts/setup-system.sh`);
  const sizes = (process.env.BENCH_SIZES ?? '10000,60000').split(',').map(Number);
  const sections: string[] = [];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`;

  console.log('training throughput (default MLP, Fashion-MNIST 784-256-128-10, batch 256)…');
  const throughput = await trainingThroughput(FASHION);
  sections.push(
    '## Training throughput of the default MLP\n\nSame data, architecture, optimiser (Adam) and batch size, side by side in one run.\n\n' +
      table(['backend', 'samples/s', 'relative to wasm'], throughput.map((t) => [t.backend, t.samplesPerSecond.toFixed(0), (t.samplesPerSecond / throughput[0].samplesPerSecond).toFixed(2)])) +
      '\n\nThe PyTorch reference row belongs to the evidence suite (not built yet).',
  );

  console.log('fast audits…');
  const runs = [auditOnce('digits', DIGITS), ...sizes.map((n) => auditOnce(`Fashion-MNIST ${n / 1000}k`, FASHION, n))];
  const exponent = growthExponent(runs);
  const phases = ['reading', 'training', 'memorization', 'embeddings', 'similarity', 'factors'];
  sections.push(
    `## Fast-mode audit, end to end\n\nTime grows like N^${exponent.toFixed(2)} over these sizes. Targets: Fashion-MNIST 60k in < 300 s and < 4096 MB. "training" includes memorization's two cross-fit models, which train in worker threads at the same time; "memorization" is only what is left after.\n\n` +
      table(
        ['dataset', 'rows', 'seconds', 'peak MB', ...phases.map((p) => `${p} s`)],
        runs.map((r) => [r.label, String(r.rows), r.seconds.toFixed(1), r.maxRssMB.toFixed(0), ...phases.map((p) => (r.timings[p] ?? 0).toFixed(1))]),
      ),
  );
  const body = `# Benchmarks\n\nMachine: ${machine}. Backend: ${runs[0].backend}. Regenerate with \`npm run bench\` (sizes: BENCH_SIZES=10000,60000).\n\n${sections.join('\n\n')}\n`;
  fs.writeFileSync(path.join(ROOT, 'docs', 'BENCHMARKS.md'), body);
  console.log('\n' + body);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
