import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import { keepsLabel } from '../../src/core/forget/seedSpread';
import { validateForgetReport } from '../../src/core/forget/schema';
import { createRandom, permutation } from '../../src/core/util/random';
import { runCli } from '../helpers/cli';
import { tempDir, writeFile } from '../helpers/tempFiles';
import { towFromAccuracies } from '../helpers/tow';

// Real data: the first 1500 Fashion-MNIST training images, 2×2 average-pooled to 14×14 (fast on
// a loaded machine). Fashion-MNIST rather than digits: with a random 10% forget set a model
// retrained without it gets ~85–90% of it right against the original's 100%, a gap of ~12
// points (digits: ~3 points, 5 of 162 samples), so "moves toward the retrained model" is a
// clear signal, not one or two samples.
const FASHION = '/usr/share/datasets/fashion-mnist';
const COUNT = 1500;
const dir = tempDir();
/** How far below the retrained model's test accuracy an unlearned model may end (the margin every method is held to). */
const TEST_ACCURACY_MARGIN = 0.1;

function pooledFashionCsv(file: string): string[] {
  const images = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-images-idx3-ubyte.gz')));
  const labels = zlib.gunzipSync(fs.readFileSync(path.join(FASHION, 'train-labels-idx1-ubyte.gz')));
  const ids: string[] = [];
  const lines = [['id', ...Array.from({ length: 196 }, (_, j) => `p${j}`), 'label'].join(',')];
  for (let i = 0; i < COUNT; i++) {
    const image = images.subarray(16 + i * 784, 16 + (i + 1) * 784);
    const pooled = Array.from({ length: 196 }, (_, j) => {
      const [r, c] = [2 * Math.floor(j / 14), 2 * (j % 14)];
      return Math.round((image[r * 28 + c] + image[r * 28 + c + 1] + image[(r + 1) * 28 + c] + image[(r + 1) * 28 + c + 1]) / 4);
    });
    ids.push(`f${i + 1}`);
    lines.push([ids[i], ...pooled, labels[8 + i]].join(','));
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return ids;
}

test('forget audit on a plain random forget set (Fashion-MNIST): every method with a forgetting term moves forget accuracy toward the retrained model, and none collapses the rest', (t) => {
  const ids = pooledFashionCsv(path.join(dir, 'fashion.csv'));
  const order = permutation(ids.length, createRandom(7));
  const forget = Array.from(order.subarray(0, ids.length / 10), (k) => ids[k]);
  writeFile(dir, 'request.csv', ['ticket,id', ...forget.map((id, k) => `T${k},${id}`)].join('\n') + '\n');

  const run = runCli(['forget', 'fashion.csv', '--forget', 'request.csv', '--out', 'out', '--seed', '1', '--retrain-seeds', '2', '--param', 'finetune.steps=400', '--param', 'l1-sparse.l1=0.001'], dir);
  assert.equal(run.status, 0, run.stderr);
  const report = validateForgetReport(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'forget-audit.json'), 'utf8')));
  assert.equal(report.samples.length, forget.length);
  const original = report.original.forgetAcc!;
  const retrained = report.retrain.forgetAcc!;
  // The signal this test relies on: the original knows the forget set better than a model that never saw it.
  assert.ok(original - retrained >= 0.05, `original ${original} vs retrained ${retrained} forget accuracy`);

  const table = report.algorithms.map((a) => `${a.name}: forget ${a.forgetAcc} retain ${a.retainAcc} test ${a.testAcc} ToW ${a.tow}`).join('\n');
  t.diagnostic(`original: forget ${original} retain ${report.original.retainAcc} test ${report.original.testAcc}; retrained: forget ${retrained} retain ${report.retrain.retainAcc} test ${report.retrain.testAcc}\n${table}`);
  assert.deepEqual(report.algorithms.map((a) => a.name), ['finetune', 'neggrad', 'neggrad+', 'random-label', 'salun', 'l1-sparse', 'scrub']);
  for (const alg of report.algorithms) {
    const forgetAcc = alg.forgetAcc!;
    // Fine-tune runs at the original's learning rate (issue 11): with the original's constant-rate
    // Adam that is continued training on R, which has no reason to move a memorized F. It is held
    // to not wrecking the model, below, and its forget accuracy is reported, not required to move.
    if (alg.name !== 'finetune') {
      assert.ok(forgetAcc < original, `${alg.name} leaves forget accuracy at the original's ${original}\n${table}`);
      assert.ok(Math.abs(forgetAcc - retrained) < Math.abs(original - retrained), `${alg.name} is not closer to the retrained ${retrained} than the original ${original}\n${table}`);
      // Closer to retraining than doing nothing.
      assert.ok(alg.tow > towFromAccuracies(report.original, report.retrain), `${alg.name}: ToW ${alg.tow} not above the original model's ${towFromAccuracies(report.original, report.retrain).toFixed(4)}\n${table}`);
    }
    assert.ok(Math.abs(alg.tow - towFromAccuracies(alg, report.retrain)) < 1e-3, `${alg.name}: ToW ${alg.tow}, from its accuracies ${towFromAccuracies(alg, report.retrain).toFixed(4)}`);
    // Not by wrecking the model: retained and held-out accuracy stay near the retrained model's.
    assert.ok(alg.retainAcc! >= report.retrain.retainAcc! - 0.1, `${alg.name} retain accuracy collapsed\n${table}`);
    // Random-label and SalUn included: with a fixed wrong label per forget sample they lost 12 points here (issue 11).
    assert.ok(alg.testAcc! >= report.retrain.testAcc! - TEST_ACCURACY_MARGIN, `${alg.name} test accuracy collapsed\n${table}`);
  }
  assert.equal(report.algorithms[0].params.steps, 400, '--param overrides a default');
  assert.ok(report.reproduce.includes('--param finetune.steps=400') && report.reproduce.includes('--param l1-sparse.l1=0.001'), report.reproduce);
  // Most of a random forget set is typical: a model that never saw them predicts them anyway, and
  // the summary says they need nothing beyond deletion rather than crediting fine-tuning.
  const stillPredicted = (seeds: number[]) => seeds.length === 0 || keepsLabel(seeds);
  const typical = report.samples.filter((s) => s.verdict === 'forgettable' && keepsLabel(s.pRetrainSeeds) && stillPredicted(s.pRetrainWithoutCarriersSeeds)).length;
  assert.ok(typical > report.samples.length / 2 && report.summary.text.includes(`${typical} need nothing beyond deletion`), report.summary.text);
  t.diagnostic(`counterfactual retrain: ${JSON.stringify(report.carrierRetrain)}; ineffective-alone ${report.summary.ineffectiveAlone}`);
  // Most of this request is typical, and its candidates would add up to almost half of R: the cap
  // bounds what the counterfactual holds out, and the samples it left untested say so.
  const c = report.carrierRetrain;
  assert.ok(c.heldOutShare! <= c.maxHeldOutShare! && c.capped! > 0 && c.tested! > 0, JSON.stringify(c));
  assert.equal(report.samples.filter((s) => s.carrierTest === 'capped').length, c.capped);
  assert.ok(report.samples.filter((s) => s.carrierTest === 'capped').every((s) => s.verdict === 'forgettable' && s.pRetrainWithoutCarriers === null && /as far as measured/.test(s.evidence)));
  assert.ok(report.samples.every((s) => s.stepsUntilForgotten && Object.keys(s.stepsUntilForgotten).length === 7));
});

// Random-label and SalUn follow SalUn's code (fresh uniform labels on F, mixed with R), so they keep
// the model's utility: on two more requests and seeds too, test accuracy stays within the margin.
for (const [requestSeed, seed] of [[8, 2], [9, 3]]) {
  test(`random-label and SalUn keep test accuracy within ${TEST_ACCURACY_MARGIN} of the retrained model (request ${requestSeed}, seed ${seed})`, (t) => {
    const ids = pooledFashionCsv(path.join(dir, 'fashion.csv'));
    const order = permutation(ids.length, createRandom(requestSeed));
    const forget = Array.from(order.subarray(0, ids.length / 10), (k) => ids[k]);
    writeFile(dir, `request${requestSeed}.csv`, ['ticket,id', ...forget.map((id, k) => `T${k},${id}`)].join('\n') + '\n');
    const out = `out-rl-${requestSeed}`;
    const run = runCli(['forget', 'fashion.csv', '--forget', `request${requestSeed}.csv`, '--out', out, '--seed', String(seed), '--retrain-seeds', '2', '--algorithms', 'random-label,salun'], dir);
    assert.equal(run.status, 0, run.stderr);
    const report = validateForgetReport(JSON.parse(fs.readFileSync(path.join(dir, out, 'forget-audit.json'), 'utf8')));
    t.diagnostic(`retrained test ${report.retrain.testAcc}; ${report.algorithms.map((a) => `${a.name} forget ${a.forgetAcc} test ${a.testAcc}`).join('; ')}`);
    for (const alg of report.algorithms) {
      assert.ok(alg.forgetAcc! < report.original.forgetAcc!, `${alg.name} does not forget`);
      assert.ok(alg.testAcc! >= report.retrain.testAcc! - TEST_ACCURACY_MARGIN, `${alg.name} test accuracy ${alg.testAcc} vs retrained ${report.retrain.testAcc}`);
    }
  });
}
