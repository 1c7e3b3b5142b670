import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Dataset } from '../../src/core/data/dataset';

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
  const result = spawnSync(SYSTEM_PYTHON, args, { encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`torch training failed (${result.status}): ${result.stderr}`);
  const probs = fs.readFileSync(`${file}.probs.f32`);
  return { file, log: result.stdout.trim(), probs: new Float32Array(probs.buffer, probs.byteOffset, probs.length / 4) };
}
