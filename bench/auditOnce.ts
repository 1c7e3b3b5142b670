// One audit in a fresh process, so peak memory (maxRSS) belongs to this run alone.
// Prints one JSON line: {rows, seconds, cpuSeconds, timings, maxRssMB, backend, testAccuracy}.
// With a third argument, writes per-sample scores (float32, dataset order, NaN where null) to
// <prefix>.<factor>.f32 for the bench's rank comparisons.
import * as fs from 'node:fs';
import { runAudit } from '../src/core/audit/runAudit';
import { EXPORTED_FACTORS } from './benchData';

async function main(): Promise<void> {
  const [dataset, limit, scoresPrefix] = process.argv.slice(2);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const { report, dataset: loaded } = await runAudit(dataset, { limit: limit ? Number(limit) : undefined, mode: 'fast' });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  if (scoresPrefix) {
    const index = new Map(loaded.ids.map((id, i) => [id, i]));
    for (const factor of EXPORTED_FACTORS) {
      const values = new Float32Array(loaded.ids.length).fill(NaN);
      for (const s of report.samples) values[index.get(s.id)!] = s.factors[factor] ?? NaN;
      fs.writeFileSync(`${scoresPrefix}.${factor}.f32`, Buffer.from(values.buffer));
    }
  }
  process.stdout.write(
    JSON.stringify({
      rows: report.dataset.rows,
      seconds,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
      timings: report.timings,
      maxRssMB,
      backend: report.model.backend,
      testAccuracy: report.model.testAccuracy,
    }) + '\n',
  );
}

main().catch((err) => {
  process.stderr.write(String(err instanceof Error ? err.stack : err) + '\n');
  process.exit(1);
});
