import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dataset } from '../../src/core/data/dataset';
import type { AuditReport } from '../../src/core/report/auditSchema';

/** Debian's python3-torch (scripts/setup-system.sh), run by the system interpreter, not a pyenv one. */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/**
 * Train a small PyTorch MLP on the dataset's encoded features (what the audit feeds a user's model)
 * and export it to ONNX; returns the model's path the trainer's summary line, and the model's
 * probabilities on the training rows (row-major).
 */
export function trainTorchOnnx(dataset: Dataset, dir: string, name: string, options: { softmax?: boolean; rows?: number } = {}): { file: string; log: string; probs: Float32Array } {
  const rows = options.rows ?? dataset.ids.length;
  const features = path.join(dir, `${name}.f32`);
  const labels = path.join(dir, `${name}.i32`);
  fs.writeFileSync(features, Buffer.from(dataset.X.buffer, dataset.X.byteOffset, rows * dataset.numFeatures * 4));
  fs.writeFileSync(labels, Buffer.from(dataset.y.buffer, dataset.y.byteOffset, rows * 4));
  const file = path.join(dir, `${name}.onnx`);
  const args = [path.join(__dirname, 'torchOnnx.py'), features, labels, String(dataset.numFeatures), file, ...(options.softmax ? ['softmax'] : [])];
  return runTorch(args[0], args.slice(1), file);
}

/**
 * Train a tiny PyTorch CNN on one-channel images (pixels in [0, 1], row-major, as ToTensor gives
 * them) and export it with an [n, 1, height, width] input; returns the model's path, the trainer's
 * summary line and its probabilities on the same images.
 */
export function trainTorchCnn(pixels: Float32Array, labels: Int32Array, height: number, width: number, dir: string, name: string): { file: string; log: string; probs: Float32Array } {
  const pixelFile = path.join(dir, `${name}.f32`);
  const labelFile = path.join(dir, `${name}.i32`);
  fs.writeFileSync(pixelFile, Buffer.from(pixels.buffer, pixels.byteOffset, pixels.byteLength));
  fs.writeFileSync(labelFile, Buffer.from(labels.buffer, labels.byteOffset, labels.byteLength));
  const file = path.join(dir, `${name}.onnx`);
  return runTorch(path.join(__dirname, 'torchCnn.py'), [pixelFile, labelFile, String(height), String(width), file], file);
}

function runTorch(script: string, args: string[], file: string): { file: string; log: string; probs: Float32Array } {
  const result = spawnSync(SYSTEM_PYTHON, [script, ...args], { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`torch training failed (${result.status}): ${result.stderr}`);
  const probs = fs.readFileSync(`${file}.probs.f32`);
  return { file, log: result.stdout.trim(), probs: new Float32Array(probs.buffer, probs.byteOffset, probs.length / 4) };
}

/** The largest relative difference between the audit's per-sample losses and -log p(label) of PyTorch's probabilities. */
export function largestLossDifference(report: Pick<AuditReport, 'samples'>, dataset: Dataset, probs: Float32Array): number {
  const c = dataset.classes.length;
  const byId = new Map(report.samples.map((s) => [s.id, s]));
  let worst = 0;
  dataset.ids.forEach((id, i) => {
    const expected = -Math.log(probs[i * c + dataset.y[i]]);
    worst = Math.max(worst, Math.abs(byId.get(id)!.factors.loss - expected) / Math.max(1, expected));
  });
  return worst;
}
