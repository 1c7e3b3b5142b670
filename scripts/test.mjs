// Runs node's test runner on every test file under the given folders (default: test/).
// Node 20's runner does not expand globs itself.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const roots = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const files = [];
const walk = (dir) => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.name.endsWith('.test.ts')) files.push(full);
  }
};
for (const root of roots.length ? roots : ['test']) {
  if (fs.statSync(root).isDirectory()) walk(root);
  else files.push(root);
}
files.sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...passThrough, ...files], { stdio: 'inherit' });
process.exit(result.status ?? 1);
