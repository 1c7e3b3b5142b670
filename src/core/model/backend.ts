import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
// A named import: bundlers drop a bare import of this package (its package.json marks it side-effect free).
import { version_cpu } from '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';

export type BackendName = 'tensorflow' | 'wasm' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  /** Why a faster rung of the ladder was not used (shown in the report). */
  notes: string[];
}

let active: BackendInfo | undefined;

export const CPU_BACKEND_VERSION = version_cpu;

/**
 * The backend ladder: tfjs-node when it is installed and loads, else wasm, else cpu.
 * Idempotent: the first call decides for the process.
 */
export async function initBackend(preference: BackendPreference = 'auto'): Promise<BackendInfo> {
  // Production mode: no per-op debug checks, and no console banners from the backends.
  tf.enableProdMode();
  if (active && (preference === 'auto' || preference === active.name)) return active;
  const notes: string[] = [];
  const ladder: BackendName[] = preference === 'auto' ? ['tensorflow', 'wasm', 'cpu'] : [preference];
  for (const name of ladder) {
    const failure = await tryBackend(name);
    if (failure === null) {
      active = { name, notes };
      return active;
    }
    notes.push(`${name}: ${failure}`);
  }
  throw new Error(`no TensorFlow.js backend could be initialised (${notes.join('; ')})`);
}

export function activeBackend(): BackendInfo | undefined {
  return active;
}

async function tryBackend(name: BackendName): Promise<string | null> {
  try {
    if (name === 'tensorflow') {
      // Optional dependency: its install downloads libtensorflow, which fails on offline machines.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-node');
    }
    if (name === 'wasm') setWasmPaths(findWasmDir() + path.sep);
    const ok = await withoutNewProcessHandlers(() => tf.setBackend(name).then(async (set) => (set && (await tf.ready(), true)) || false));
    return ok ? null : 'not available';
  } catch (err) {
    return firstLine(err);
  }
}

/**
 * The emscripten glue of the wasm backend installs process-wide uncaughtException and
 * unhandledRejection handlers that rethrow with its whole minified source as the location.
 * Errors are ours to report, so those handlers are removed again.
 */
async function withoutNewProcessHandlers<T>(run: () => Promise<T>): Promise<T> {
  const events = ['uncaughtException', 'unhandledRejection'];
  const listeners = (event: string) => process.listeners(event as 'uncaughtException') as Array<(...args: unknown[]) => void>;
  const before = events.map((event) => new Set(listeners(event)));
  try {
    return await run();
  } finally {
    events.forEach((event, k) => {
      for (const listener of listeners(event)) {
        if (!before[k].has(listener)) process.removeListener(event, listener);
      }
    });
  }
}

/** The .wasm binaries sit next to the bundle when built, or in the package when run from source. */
function findWasmDir(): string {
  const candidates = [__dirname, path.join(__dirname, 'wasm'), packageWasmDir()].filter((d): d is string => d !== undefined);
  const found = candidates.find((dir) => fs.existsSync(path.join(dir, 'tfjs-backend-wasm-simd.wasm')));
  if (!found) throw new Error(`tfjs-backend-wasm binaries not found (looked in ${candidates.join(', ')})`);
  return found;
}

/** The wasm package's own folder, when running from source (not inside a bundle without node_modules). */
function packageWasmDir(): string | undefined {
  try {
    // Built dynamically so the bundler leaves it alone.
    return path.dirname(require.resolve(['@tensorflow', 'tfjs-backend-wasm', 'dist', 'tfjs-backend-wasm.wasm'].join('/')));
  } catch {
    return undefined;
  }
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n')[0].slice(0, 200);
}
