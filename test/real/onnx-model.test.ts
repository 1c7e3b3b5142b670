import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/data/load';
import { AuditReport, validateAuditReport } from '../../src/core/report/auditSchema';
import { CLI, runCli } from '../helpers/cli';
import { DIGITS_CSV, flipLabels, readDigits, writeDigitsCsv } from '../helpers/digits';
import { writeIrisCsv } from '../helpers/iris';
import { tempDir } from '../helpers/tempFiles';
import { trainTorchOnnx } from '../helpers/torchOnnx';

const dir = tempDir();

function audit(args: string[], out: string, data = DIGITS_CSV): AuditReport {
  const run = runCli(['audit', data, '--out', out, '--top', '0', '--no-progress', ...args], dir);
  assert.equal(run.status, 0, run.stderr);
  return validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, out, 'audit.json'), 'utf8')));
}

test("a PyTorch model exported to ONNX drives the model-space factors; the input-space ones stay the dataset's", async () => {
  const { dataset } = await loadDataset(DIGITS_CSV);
  const torch = trainTorchOnnx(dataset, dir, 'digits-mlp');
  const onnx = audit(['--model', torch.file], 'out-onnx');
  const own = audit([], 'out-own');

  assert.equal(onnx.model.source, 'loaded');
  assert.match(onnx.model.architecture, /ONNX model digits-mlp\.onnx/);
  assert.match(onnx.model.embeddingSource!, /the input of the last Gemm node/);
  // The losses are the PyTorch model's own cross-entropies on the same rows.
  const c = dataset.classes.length;
  const byId = new Map(onnx.samples.map((s) => [s.id, s]));
  let worst = 0;
  dataset.ids.forEach((id, i) => {
    const expected = -Math.log(torch.probs[i * c + dataset.y[i]]);
    worst = Math.max(worst, Math.abs(byId.get(id)!.factors.loss - expected) / Math.max(1, expected));
  });
  assert.ok(worst < 1e-3, `largest relative loss difference from PyTorch's ${worst}`);
  assert.ok(onnx.samples.every((s) => s.factors.confidence === null), 'no training run, no training dynamics');
  const sources = onnx.model.factorSources!;
  assert.match(sources.find((s) => s.factors.includes('loss'))!.source, /ONNX model digits-mlp\.onnx/);
  assert.match(sources.find((s) => s.factors.includes('memorization'))!.source, /2 softmax-regression heads on frozen embeddings \(loaded ONNX model digits-mlp\.onnx/);
  assert.ok(onnx.diagnostics.unavailableFactors.some((u) => u.factor === 'confidence'));

  // ForgetLens's own MLP gives other losses; the input-space factors do not depend on the model.
  const ownById = new Map(own.samples.map((s) => [s.id, s]));
  let ownWorst = 0;
  dataset.ids.forEach((id, i) => {
    const expected = -Math.log(torch.probs[i * c + dataset.y[i]]);
    ownWorst = Math.max(ownWorst, Math.abs(ownById.get(id)!.factors.loss - expected) / Math.max(1, expected));
  });
  assert.ok(ownWorst > 100 * worst, `own-MLP losses are as close to PyTorch's (${ownWorst}) as the ONNX audit's (${worst})`);
  assert.ok(onnx.samples.every((s) => s.factors.exactDuplicates === ownById.get(s.id)!.factors.exactDuplicates));
});

test('a softmax-ending ONNX model gives the same losses as its logits; a named embedding value is used; a bad name or file exits 2', async () => {
  const { dataset } = await loadDataset(DIGITS_CSV);
  const torch = trainTorchOnnx(dataset, dir, 'digits-softmax', { softmax: true });
  const named = audit(['--model', torch.file, '--embedding-output', '/0/0.1/Relu_output_0'], 'out-softmax');
  assert.match(named.model.embeddingSource!, /"\/0\/0.1\/Relu_output_0" \(named by --embedding-output\)/);
  const lastGemm = audit(['--model', torch.file], 'out-softmax-default');
  assert.match(lastGemm.model.embeddingSource!, /"\/0\/0.3\/Relu_output_0", the input of the last Gemm node/);
  const lastById = new Map(lastGemm.samples.map((s) => [s.id, s]));
  assert.ok(named.samples.some((s) => s.factors.entanglement !== lastById.get(s.id)!.factors.entanglement), 'the named embeddings must change the embedding-space factors');
  const c = dataset.classes.length;
  const byId = new Map(named.samples.map((s) => [s.id, s]));
  dataset.ids.forEach((id, i) => {
    const expected = -Math.log(torch.probs[i * c + dataset.y[i]]);
    assert.ok(Math.abs(byId.get(id)!.factors.loss - expected) < 1e-3 * Math.max(1, expected), `${id}: ${byId.get(id)!.factors.loss} vs ${expected}`);
  });

  const unknown = runCli(['audit', DIGITS_CSV, '--model', torch.file, '--embedding-output', 'nope', '--out', 'out-nope'], dir);
  assert.equal(unknown.status, 2, unknown.stderr);
  assert.match(unknown.stderr, /digits-softmax\.onnx: --embedding-output "nope" is not the output of any node in the graph/);

  const iris = writeIrisCsv(dir);
  const wrongWidth = runCli(['audit', iris, '--model', torch.file, '--out', 'out-iris'], dir);
  assert.equal(wrongWidth.status, 2, wrongWidth.stderr);
  assert.match(wrongWidth.stderr, /digits-softmax\.onnx: onnxruntime could not run the model on \[150, 4\] float32 inputs/);

  const notOnnx = path.join(dir, 'broken.onnx');
  fs.writeFileSync(notOnnx, 'this is not protobuf\n');
  const broken = runCli(['audit', DIGITS_CSV, '--model', notOnnx, '--out', 'out-broken'], dir);
  assert.equal(broken.status, 2, broken.stderr);
  assert.match(broken.stderr, /broken\.onnx: /);
  assert.equal(fs.existsSync(path.join(dir, 'out-broken')), false);
});

test('without onnxruntime-node an ONNX audit exits 2 and says how to install it', () => {
  const model = path.join(dir, 'any.onnx');
  fs.writeFileSync(model, Buffer.from([0x3a, 0x00]));
  const run = spawnSync(process.execPath, [CLI, 'audit', DIGITS_CSV, '--model', model, '--out', 'out-missing'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FORGETLENS_ONNXRUNTIME: path.join(dir, 'no-such-runtime') },
  });
  assert.equal(run.status, 2, run.stderr);
  assert.match(run.stderr, /any\.onnx: auditing an \.onnx model needs onnxruntime-node, which did not load from .*no-such-runtime/);
  assert.match(run.stderr, /ONNXRUNTIME_NODE_INSTALL=skip npm install onnxruntime-node/);
});

test('memorization from heads on the ONNX model\'s frozen embeddings is higher on flipped labels (fast and thorough)', async () => {
  const rows = readDigits();
  const flipped = flipLabels(rows, 20, 3);
  const file = writeDigitsCsv(path.join(dir, 'flipped.csv'), rows);
  const { dataset } = await loadDataset(file);
  const torch = trainTorchOnnx(dataset, dir, 'flipped-mlp');
  for (const mode of [['--mode', 'fast'], ['--mode', 'thorough', '--k', '8']]) {
    const report = audit(['--model', torch.file, ...mode], `out-flipped-${mode[1]}`, file);
    const mean = (keep: (id: string) => boolean) => {
      const values = report.samples.filter((s) => keep(s.id) && s.factors.memorization !== null).map((s) => s.factors.memorization!);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const onFlipped = mean((id) => flipped.has(id));
    const onRest = mean((id) => !flipped.has(id));
    assert.ok(onFlipped > onRest, `${mode[1]}: memorization ${onFlipped} on flipped labels vs ${onRest} on the rest`);
    assert.match(report.diagnostics.memorizationMethod, mode[1] === 'thorough' ? /subsample estimator \(soft, on p\(y\|x\)\): 8 softmax-regression heads/ : /cross-fit: 2 softmax-regression heads/);
  }
});
