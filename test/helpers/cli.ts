import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const CLI = path.join(__dirname, '..', '..', 'bin', 'forgetlens.js');

// Generous: a hang is caught here, but a machine loaded many times over must not fail a test by
// the clock (the CLI turns the SIGTERM of a timeout into a clean cancel, exit 1).
const CLI_TIMEOUT_MS = 20 * 60_000;

/** Run the built CLI (npm run build first) as a user would, in `cwd`. */
export function runCli(args: string[], cwd: string): { status: number; stdout: string; stderr: string } {
  const started = Date.now();
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', timeout: CLI_TIMEOUT_MS });
  const stopped = result.error ? `\n[runCli: ${result.error.message} after ${Math.round((Date.now() - started) / 1000)} s]` : '';
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr + stopped };
}
