import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadDataset } from '../../src/core/data/load';
import { validateAuditReport } from '../../src/core/report/auditSchema';
import { runCli } from '../helpers/cli';
import { DIGITS_CSV } from '../helpers/digits';
import { tempDir } from '../helpers/tempFiles';
import { trainTorchOnnx } from '../helpers/torchOnnx';

const dir = tempDir();

function writeNpy(file: string, values: Float32Array, rows: number, cols: number): string {
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': (${rows}, ${cols}), }`;
  header += ' '.repeat(63 - ((header.length + 10) % 64)) + '\n';
  const head = Buffer.alloc(10);
  head.write('\x93NUMPY', 0, 'latin1');
  head[6] = 1;
  head.writeUInt16LE(header.length, 8);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(header, 'latin1'), Buffer.from(values.buffer, values.byteOffset, rows * cols * 4)]));
  return file;
}

test('--pred-probs (.npy) and --embeddings (.csv) replace the model outputs, and the report says which factors came from them', async () => {
  const { dataset } = await loadDataset(DIGITS_CSV);
  const n = dataset.ids.length;
  const c = dataset.classes.length;
  const torch = trainTorchOnnx(dataset, dir, 'probs-mlp');
  writeNpy(path.join(dir, 'probs.npy'), torch.probs, n, c);
  // The embeddings: the first 16 encoded pixels, a real but different space from the MLP's.
  const rows = Array.from({ length: n }, (_, i) => Array.from(dataset.X.subarray(i * 64, i * 64 + 16)).join(','));
  fs.writeFileSync(path.join(dir, 'emb.csv'), ['e' + Array.from({ length: 16 }, (_, j) => j).join(',e'), ...rows].join('\n') + '\n');
  const args = ['audit', DIGITS_CSV, '--test-fraction', '0', '--epochs', '5', '--top', '0', '--no-progress'];
  const run = runCli([...args, '--pred-probs', 'probs.npy', '--embeddings', 'emb.csv', '--out', 'out-ext'], dir);
  assert.equal(run.status, 0, run.stderr);
  const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'out-ext', 'audit.json'), 'utf8')));
  const byId = new Map(report.samples.map((s) => [s.id, s]));
  dataset.ids.forEach((id, i) => {
    const expected = -Math.log(Math.max(torch.probs[i * c + dataset.y[i]], 1e-12));
    assert.ok(Math.abs(byId.get(id)!.factors.loss - expected) < 1e-3 * Math.max(1, expected), `${id}: ${byId.get(id)!.factors.loss} vs ${expected}`);
  });
  const sources = report.model.factorSources!;
  assert.equal(sources.find((s) => s.factors.includes('loss'))!.source, '--pred-probs probs.npy');
  assert.equal(sources.find((s) => s.factors.includes('entanglement'))!.source, '--embeddings emb.csv');
  assert.match(sources.find((s) => s.factors.includes('confidence'))!.source, /ForgetLens's MLP .* \(its training run\)/);
  assert.match(sources.find((s) => s.factors.includes('memorization'))!.source, /^cross-fit \(2 models on complementary halves\)/);

  const own = runCli([...args, '--out', 'out-own'], dir);
  assert.equal(own.status, 0, own.stderr);
  const ownReport = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'out-own', 'audit.json'), 'utf8')));
  const ownById = new Map(ownReport.samples.map((s) => [s.id, s]));
  assert.ok(report.samples.some((s) => s.factors.entanglement !== ownById.get(s.id)!.factors.entanglement), 'the embeddings file must drive entanglement');
  assert.ok(report.samples.every((s) => s.factors.memorization === ownById.get(s.id)!.factors.memorization), 'memorization still comes from the training run');
});

test('pred-probs and embeddings of the wrong shape, or logits, exit 2 naming the file and the problem', async () => {
  const { dataset } = await loadDataset(DIGITS_CSV);
  const n = dataset.ids.length;
  fs.writeFileSync(path.join(dir, 'short.csv'), Array.from({ length: n - 3 }, () => Array(10).fill(0.1).join(',')).join('\n'));
  fs.writeFileSync(path.join(dir, 'narrow.csv'), Array.from({ length: n }, () => '0.5,0.5').join('\n'));
  fs.writeFileSync(path.join(dir, 'logits.csv'), Array.from({ length: n }, (_, i) => (i === 4 ? Array(10).fill(2) : Array(10).fill(0.1)).join(',')).join('\n'));
  fs.writeFileSync(path.join(dir, 'unnormalised.csv'), Array.from({ length: n }, (_, i) => (i === 7 ? Array(10).fill(0.5) : Array(10).fill(0.1)).join(',')).join('\n'));
  const cases: Array<[string[], RegExp]> = [
    [['--pred-probs', 'unnormalised.csv'], /unnormalised\.csv: row 8 sums to 5, not 1/],
    [['--pred-probs', 'short.csv'], /short\.csv: 1794 rows, but the audit has 1797 samples/],
    [['--embeddings', 'short.csv'], /short\.csv: 1794 rows, but the audit has 1797 samples/],
    [['--pred-probs', 'narrow.csv'], /narrow\.csv: 2 columns, but the dataset has 10 classes/],
    [['--pred-probs', 'logits.csv'], /logits\.csv: row 5, column 1: 2 is not a probability/],
  ];
  for (const [flags, message] of cases) {
    const run = runCli(['audit', DIGITS_CSV, '--epochs', '1', '--out', 'out-bad', ...flags], dir);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, message);
  }
  assert.equal(fs.existsSync(path.join(dir, 'out-bad')), false);
});
