// `npm run validate`: measure each science claim on real data, print the table, write docs/VALIDATION.md.
// `npm run validate -- --smoke --out FILE`: the tiny configuration the CI smoke test uses.
import * as path from 'node:path';
import { writeFileAtomic } from '../src/core/util/atomicWrite';
import { FULL_CONFIG, SMOKE_CONFIG } from './config';
import { renderMarkdown } from './render';
import { runValidation } from './runValidation';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const outAt = args.indexOf('--out');
  const out = outAt >= 0 ? path.resolve(args[outAt + 1]) : smoke ? undefined : path.join(__dirname, '..', 'docs', 'VALIDATION.md');
  const result = await runValidation(smoke ? SMOKE_CONFIG : FULL_CONFIG);
  const markdown = renderMarkdown(result);
  console.log(markdown);
  if (out) {
    writeFileAtomic(out, markdown);
    console.error(`validate: wrote ${out}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
