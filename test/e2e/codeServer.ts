import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const CACHE = path.join(ROOT, '.vscode-test');
const BIN = path.join(CACHE, 'node_modules', '.bin', 'code-server');
export const CODE_SERVER_VERSION = '4.100.3';
/** A loaded machine starts it in a few seconds; a first start after install takes longer. */
const START_TIMEOUT_MS = 90_000;

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
  /** Stops code-server and everything it started (extension host, workers) by its process group. */
  stop(): Promise<void>;
  /** The same at once, synchronously (for process exit). */
  killNow(): void;
}

/**
 * code-server on loopback with a fresh user-data dir, in a process group of its own (its pid), so
 * the extension host and the workers it forks are stopped with it.
 */
export async function startCodeServer(bin: string, extensionsDir: string, userDataDir: string, workspace: string, port: number, options: { workspaceTrust?: boolean } = {}): Promise<RunningServer> {
  // Workspace trust is off (everything trusted) unless a scenario needs Restricted Mode.
  const trust = options.workspaceTrust ? [] : ['--disable-workspace-trust'];
  const child = spawn(
    bin,
    ['--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--disable-telemetry', '--disable-update-check', ...trust, workspace],
    { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  );
  const log = fs.createWriteStream(path.join(userDataDir, 'code-server.log'));
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const server: RunningServer = { url, process: child, stop: () => stopGroup(child), killNow: () => signalGroup(child.pid!, 'SIGKILL') };
  const until = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`code-server exited (code ${child.exitCode}); see ${path.join(userDataDir, 'code-server.log')}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) return server;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  await server.stop();
  throw new Error(`code-server did not answer within ${START_TIMEOUT_MS / 1000} s`);
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // the group is already gone
  }
}

function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    const finish = () => {
      clearTimeout(timer);
      // The leader can exit before its children: take the rest of the group down too.
      signalGroup(child.pid!, 'SIGKILL');
      resolve();
    };
    const timer = setTimeout(finish, 3000);
    if (child.exitCode !== null || child.signalCode !== null) return finish();
    child.once('exit', finish);
    signalGroup(child.pid!, 'SIGTERM');
  });
}

export function installVsix(bin: string, extensionsDir: string, userDataDir: string, vsix: string): void {
  execFileSync(bin, ['--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], { stdio: 'pipe' });
}
