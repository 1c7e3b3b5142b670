import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { CLI } from './cli';

/** Loopback only: the tests never start a Redis reachable from elsewhere. */
const HOST = '127.0.0.1';

export interface RedisOptions {
  password?: string;
  /** Folder for a self-signed CA and server certificate (made with openssl); serves TLS only. */
  tlsDir?: string;
}

export interface TestRedis {
  url: string;
  port: number;
  /** The CA file to trust (NODE_EXTRA_CA_CERTS) when serving TLS. */
  caFile?: string;
  stop(): Promise<void>;
  /** Stop and start again on the same port: everything in it is lost (no persistence). */
  restart(): Promise<void>;
}

/** Everything started here is killed when the test process exits, whatever happened (one listener for all). */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real Debian redis-server on a free loopback port, without persistence, stopped by its pid. */
export async function startRedis(options: RedisOptions = {}): Promise<TestRedis> {
  const port = await freePort();
  const certs = options.tlsDir ? makeCertificates(options.tlsDir) : undefined;
  const args = ['--bind', HOST, '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'];
  if (options.password) args.push('--requirepass', options.password);
  if (certs) args.push('--port', '0', '--tls-port', String(port), '--tls-cert-file', certs.cert, '--tls-key-file', certs.key, '--tls-auth-clients', 'no');
  else args.push('--port', String(port));
  let child = await launch(args);
  const auth = options.password ? `:${encodeURIComponent(options.password)}@` : '';
  const stopChild = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    process.kill(child.pid!, 'SIGTERM');
    await exited;
  };
  return {
    url: `${certs ? 'rediss' : 'redis'}://${auth}${HOST}:${port}`,
    port,
    caFile: certs?.cert,
    stop: stopChild,
    async restart() {
      await stopChild();
      child = await launch(args);
    },
  };
}

function launch(args: string[]): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('redis-server', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    started.add(child);
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('Ready to accept connections')) {
        child.stdout!.off('data', onData);
        child.stdout!.resume();
        resolve(child);
      }
    };
    child.stdout!.on('data', onData);
    child.once('error', (err) => reject(new Error(`redis-server did not start (apt-get install redis-server): ${err.message}`)));
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${log.slice(-500)}`)));
  });
}

/** A self-signed certificate for 127.0.0.1, which the client trusts as its own CA. */
function makeCertificates(dir: string): { cert: string; key: string } {
  const cert = path.join(dir, 'redis.crt');
  const key = path.join(dir, 'redis.key');
  if (!fs.existsSync(cert)) {
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
  }
  return { cert, key };
}

export interface WorkerProcess {
  child: ChildProcess;
  log(): string;
  /** Resolves once the worker has taken a job. */
  startedJob(): Promise<void>;
  stop(): Promise<void>;
}

/** `forgetlens worker` as a separate process (the built CLI, as a user runs it). */
export function startWorker(url: string, extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const child = spawn(process.execPath, [CLI, 'worker', '--queue', url, ...extraArgs], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  started.add(child);
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  return {
    child,
    log: () => log,
    startedJob: () => waitFor(() => log.includes('took model'), 60_000, () => `worker never took a job: ${log}`),
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      process.kill(child.pid!, 'SIGTERM');
      await exited;
    },
  };
}

export async function waitFor(check: () => boolean, timeoutMs: number, message: () => string): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(message());
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
