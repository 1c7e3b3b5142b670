import { parseQueueUrl } from '../src/core/queue/connection';
import { readConfig } from './config';
import { collect } from './collect';
import { fitAndReport } from './fit';
import { engineVersion } from '../validate/engine';

/** `npm run calibrate [-- --queue redis://HOST:PORT]`: the flag stands for CAL_QUEUE; every other setting is CAL_* in the environment. */
function queueArgument(args: string[]): NodeJS.ProcessEnv {
  const at = args.indexOf('--queue');
  if (at < 0) return {};
  const url = args[at + 1];
  if (url === undefined || url.startsWith('--')) throw new Error('--queue: a redis:// URL is missing');
  parseQueueUrl(url);
  return { CAL_QUEUE: url };
}

/** `npm run calibrate`: simulate deletion requests with the forget audit, fit the two predictions, evaluate them. */
async function main(): Promise<void> {
  const config = readConfig({ ...process.env, ...queueArgument(process.argv.slice(2)) });
  // Read before anything runs: the commit the simulations measured, for docs/VALIDATION.md's history of full runs.
  const engine = engineVersion();
  const log = (line: string) => console.log(`[calibrate ${new Date().toISOString().slice(11, 19)}] ${line}`);
  const collected = await collect(config, log);
  log(`${collected.outcomes.length} simulations, ${collected.skipped} skipped by the time budget`);
  if (process.env.CAL_PHASE === 'simulate') return;
  await fitAndReport(config, collected, log, engine);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
