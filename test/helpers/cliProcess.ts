import { ChildProcess, spawn } from 'node:child_process';
import { CLI } from './cli';

export interface CliProcess {
  child: ChildProcess;
  stderr(): string;
  /** Exit code (null when killed by a signal), stdout and stderr once it ends. */
  done: Promise<{ status: number | null; stdout: string; stderr: string }>;
}

/** The built CLI as a child process the test can watch and kill while it runs. */
export function spawnCli(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): CliProcess {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (status) => resolve({ status, stdout, stderr })),
  );
  return { child, stderr: () => stderr, done };
}
