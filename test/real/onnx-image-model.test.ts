import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PNG } from 'pngjs';
import { loadDataset } from '../../src/core/data/load';
import { AuditReport, validateAuditReport } from '../../src/core/report/auditSchema';
import { runCli } from '../helpers/cli';
import { DIGITS_CSV } from '../helpers/digits';
import { folderPath, readFashion, writePng } from '../helpers/plantedImages';
import { tempDir } from '../helpers/tempFiles';
import { largestLossDifference, trainTorchCnn } from '../helpers/torchOnnx';

const dir = tempDir();

function writeTinted(file: string, gray: Uint8Array): void {
  const png = new PNG({ width: 28, height: 28 });
  gray.forEach((v, p) => png.data.set([v, Math.round(v * 0.6), 0, 255], p * 4));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, PNG.sync.write(png));
}
const IMAGES = 600;

test('a PyTorch CNN with an [n, 1, 28, 28] input audits an image folder on its own pixels; other shapes exit 2 naming both', async () => {
  const fashion = readFashion(IMAGES);
  const root = path.join(dir, 'fashion');
  fashion.forEach((d, i) => writePng(folderPath(root, d.label, `f${i}.png`), d.image));
  // The CNN is trained on the pixels as PyTorch's ToTensor gives them, straight from the IDX file
  // and in the audit's sample order, not from anything the audit computes.
  const { dataset } = await loadDataset(root);
  const order = dataset.ids.map((id) => Number(/f(\d+)\.png$/.exec(id)![1]));
  const pixels = new Float32Array(IMAGES * 784);
  order.forEach((source, i) => fashion[source].image.pixels.forEach((v, j) => (pixels[i * 784 + j] = v / 255)));
  const cnn = trainTorchCnn(pixels, dataset.y, 28, 28, dir, 'fashion-cnn');

  const run = runCli(['audit', root, '--model', cnn.file, '--out', 'out-cnn', '--top', '0', '--no-progress'], dir);
  assert.equal(run.status, 0, run.stderr);
  const report: AuditReport = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'out-cnn', 'audit.json'), 'utf8')));
  assert.match(report.model.architecture, /fashion-cnn\.onnx .* on \[N, 1, 28, 28\] pixels in \[0, 1\]/);
  assert.match(report.model.embeddingSource!, /the input of the last Gemm node/);
  const worst = largestLossDifference(report, dataset, cnn.probs);
  assert.ok(worst < 1e-3, `largest relative loss difference from PyTorch's ${worst} (${cnn.log})`);

  const table = runCli(['audit', DIGITS_CSV, '--model', cnn.file, '--out', 'out-table'], dir);
  assert.equal(table.status, 2, table.stderr);
  assert.match(table.stderr, /fashion-cnn\.onnx: the model's input "image" of shape \[n, 1, 28, 28\] takes images, but digits\.csv is a csv table of 64 features/);
  // The same garments tinted orange: a colour folder has three channels, the CNN takes one.
  const colour = path.join(dir, 'colour');
  fashion.slice(0, 40).forEach((d, i) => writeTinted(folderPath(colour, d.label, `c${i}.png`), d.image.pixels));
  const rgb = runCli(['audit', colour, '--model', cnn.file, '--out', 'out-rgb'], dir);
  assert.equal(rgb.status, 2, rgb.stderr);
  assert.match(rgb.stderr, /fashion-cnn\.onnx: the model's input "image" of shape \[n, 1, 28, 28\] does not fit colour, whose images are 28x28 with 3 channels \(2352 values per sample; expected \[n, 3, 28, 28\] or \[n, 28, 28, 3\]\)/);
  assert.equal(fs.existsSync(path.join(dir, 'out-rgb')), false);
});
