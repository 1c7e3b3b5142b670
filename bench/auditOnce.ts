// One fast audit in a fresh process, so peak memory (maxRSS) belongs to this run alone.
// Prints one JSON line: {rows, seconds, timings, maxRssMB, backend}.
import { runAudit } from '../src/core/audit/runAudit';

async function main(): Promise<void> {
  const [dataset, limit, mode] = process.argv.slice(2);
  const started = performance.now();
  const { report } = await runAudit(dataset, { limit: limit ? Number(limit) : undefined, mode: (mode as 'fast' | 'thorough') ?? 'fast' });
  const seconds = (performance.now() - started) / 1000;
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    JSON.stringify({ rows: report.dataset.rows, seconds, timings: report.timings, maxRssMB, backend: report.model.backend, testAccuracy: report.model.testAccuracy }) + '\n',
  );
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
