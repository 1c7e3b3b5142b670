import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'bin', 'forgetlens.js');

/** Run the built CLI (npm run build first) as a user would, in `cwd`. */
export function runCli(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: 300_000 });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}
