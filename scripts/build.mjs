// One esbuild command for every bundle: the CLI, the training worker, and the wasm binaries next to them.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dist = path.join(root, 'dist');
fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(dist, { recursive: true });

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  // tfjs packages mark their backend-registering modules side-effect free; honouring that drops them.
  ignoreAnnotations: true,
  // Optional native packages (TF backend, ONNX runtime): used when installed and they load, never bundled.
  external: ['@tensorflow/tfjs-node', 'onnxruntime-node'],
};

await esbuild.build({
  ...common,
  entryPoints: {
    cli: path.join(root, 'src/cli/index.ts'),
    subsetWorker: path.join(root, 'src/core/model/subsetWorker.ts'),
    neighbourWorker: path.join(root, 'src/core/factors/neighbourWorker.ts'),
    tablePartWorker: path.join(root, 'src/core/data/tablePartWorker.ts'),
    invertedWorker: path.join(root, 'src/core/factors/invertedWorker.ts'),
    taskWorker: path.join(root, 'src/core/queue/taskWorker.ts'),
    worker: path.join(root, 'src/worker/main.ts'),
  },
  outdir: dist,
});

// The extension host bundle: `vscode` is provided by the editor; no TensorFlow.js in it.
await esbuild.build({ ...common, entryPoints: { extension: path.join(root, 'src/extension/extension.ts') }, outdir: dist, external: ['vscode'] });

// The panel, for the browser; vscode-elements ships its own bundle.
await esbuild.build({ ...common, platform: 'browser', format: 'iife', target: 'chrome120', entryPoints: { webview: path.join(root, 'webview/main.ts') }, outdir: dist, external: [] });
fs.copyFileSync(require.resolve('@vscode-elements/elements/dist/bundled.js'), path.join(dist, 'vscode-elements.js'));

const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
for (const file of fs.readdirSync(wasmDir).filter((f) => f.endsWith('.wasm'))) {
  fs.copyFileSync(path.join(wasmDir, file), path.join(dist, file));
}
console.log(`built ${path.relative(process.cwd(), dist) || 'dist'}: ${fs.readdirSync(dist).join(', ')}`);
