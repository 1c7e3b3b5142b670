// Child process of the reading bench: load one dataset with the loader of the checkout at argv[2]
// (this one, or an older one for the side-by-side column) and print its time as JSON.
import * as path from 'node:path';

async function main(): Promise<void> {
  const [root, file] = process.argv.slice(2);
  const { loadDataset } = (await import(path.join(root, 'src', 'core', 'data', 'load.ts'))) as typeof import('../src/core/data/load');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const { dataset } = await loadDataset(file);
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  console.log(JSON.stringify({ seconds, cpuSeconds, rows: dataset.ids.length, features: dataset.numFeatures }));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
