// Runs the extension-host section of the bench alone:
//   node --import tsx bench/extensionLoad.ts [audit.json]
// Without an argument it first audits Fashion-MNIST 60k with the built CLI (a few minutes).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FASHION } from './benchData';
import { auditOnce } from './childRuns';
import { extensionLoadSection, measureExtensionLoad } from './extensionLoadSection';

async function main(): Promise<void> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-extload-'));
  try {
    let auditFile = process.argv[2];
    if (!auditFile) {
      auditOnce('Fashion-MNIST 60k', FASHION, 60_000, path.join(scratch, 'audit'));
      auditFile = path.join(scratch, 'audit', 'audit.json');
    }
    console.log(extensionLoadSection(await measureExtensionLoad(auditFile, scratch)));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
