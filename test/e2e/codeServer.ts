import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.vscode-test');
const BIN = path.join(CACHE, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_VERSION = '4.100.3';

/** code-server into the ignored .vscode-test/ folder (reused when present), with the offline install quirks. */
export function ensureCodeServer(): string {
  if (fs.existsSync(BIN)) return BIN;
  fs.mkdirSync(CACHE, { recursive: true });
  if (!fs.existsSync(path.join(CACHE, 'package.json'))) fs.writeFileSync(path.join(CACHE, 'package.json'), '{"name":"code-server-cache","private":true}\n');
  // @vscode/ripgrep downloads a binary unless a cached archive is in the temp folder: seed it from Debian's rg.
  const rg = execFileSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).trim();
  const rgCache = path.join(os.tmpdir(), 'vscode-ripgrep-cache-1.15.11');
  fs.mkdirSync(rgCache, { recursive: true });
  execFileSync('tar', ['czf', path.join(rgCache, 'ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz'), '-C', path.dirname(rg), 'rg']);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `code-server@${CODE_SERVER_VERSION}`], {
    cwd: CACHE,
    stdio: 'inherit',
    env: { ...process.env, npm_config_unsafe_perm: 'true', npm_config_yes: 'true' },
  });
  return BIN;
}

export interface RunningServer {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** Start code-server on loopback with a fresh user-data dir; stopped by its own pid. */
export async function startCodeServer(bin: string, extensionsDir: string, userDataDir: string, workspace: string, port: number): Promise<RunningServer> {
  const child = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', workspace],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: false },
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  return {
    url,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000);
      }),
  };
}

export function installVsix(bin: string, extensionsDir: string, userDataDir: string, vsix: string): void {
  execFileSync(bin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { stdio: 'pipe' });
}
