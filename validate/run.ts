// `npm run validate`: measure each claim on real data over several seeds and add the run to docs/VALIDATION.md.
// Options: --seeds N (seeds 0..N−1), --datasets a,b (keep only these), --smoke (the tiny CI configuration),
// --out FILE (add the run to FILE instead; a missing FILE is created). --smoke without --out only prints.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { FULL_CONFIG, SMOKE_CONFIG, sizedConfig } from './config';
import { engineVersion } from './engine';
import { insertRun } from './history';
import { STANDALONE_INTRO, renderRun } from './render';
import { runValidation } from './runValidation';

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new Error(`${name}: a value is missing`);
  return value;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const outArg = option(args, '--out');
  const seeds = option(args, '--seeds');
  const datasets = option(args, '--datasets');
  const config = sizedConfig(smoke ? SMOKE_CONFIG : FULL_CONFIG, { seeds: seeds === undefined ? undefined : Number(seeds), datasets: datasets?.split(',') });
  const out = outArg ? path.resolve(outArg) : smoke ? undefined : path.join(__dirname, '..', 'docs', 'VALIDATION.md');
  // Read before the run: the run measures this commit, whatever happens to the tree meanwhile.
  const engine = engineVersion();
  const result = await runValidation(config);
  const section = renderRun(result, engine);
  console.log(section);
  if (out) {
    writeFileAtomic(out, insertRun(fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : null, STANDALONE_INTRO, section));
    console.error(`validate: added the run to ${out}`);
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
