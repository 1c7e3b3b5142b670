import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMOKE_CONFIG } from '../../validate/config';
import { renderMarkdown } from '../../validate/render';
import { runValidation } from '../../validate/runValidation';
import { VERDICTS } from '../../validate/verdicts';

// The rules of docs/VALIDATION.md restated here, not imported: the harness must apply them to the
// numbers it shows, and a verdict computed from the wrong number or by the wrong rule fails.
const bothOrOne = (a: boolean, b: boolean) => (a && b ? 'held' : a || b ? 'partly' : 'did not hold');

// Real data: scikit-learn's breast cancer, through the whole validation harness in its tiny configuration.
test('validation smoke run: one row per claim, each with numbers and a verdict that follows its rule', async () => {
  const result = await runValidation(SMOKE_CONFIG);
  assert.deepEqual(result.claims.map((c) => c.id), ['1', '2', '3', '4', '5', '6', 'FL']);
  for (const claim of result.claims) {
    assert.ok(claim.perDataset.length >= 1, `claim ${claim.id} measured on no dataset`);
    assert.ok(VERDICTS.includes(claim.verdict), `claim ${claim.id}: verdict ${claim.verdict}`);
    // One dataset in the smoke configuration: the combined verdict is that dataset's.
    assert.equal(claim.verdict, claim.perDataset[0].verdict);
    for (const d of claim.perDataset) {
      assert.equal(d.dataset, 'breast cancer');
      assert.match(d.measured, /\d/, `claim ${claim.id}: no number in "${d.measured}"`);
      assert.ok(Object.values(d.numbers).some(Number.isFinite), `claim ${claim.id}: no finite number`);
    }
  }
  const [proxy, memorization, entanglement, rum, copies] = result.claims.map((c) => c.perDataset[0]);
  const rho = proxy.numbers.rho;
  assert.equal(proxy.verdict, rho <= -0.3 ? 'held' : rho < 0 ? 'partly' : 'did not hold', `rho ${rho}`);
  assert.ok(proxy.measured.includes(rho.toFixed(2)), `the row shows the rho its verdict is from: ${proxy.measured}`);
  // The high-memorization set really is more memorized than the low one (the sets are what they say).
  assert.ok(memorization.numbers.memorizationHigh > memorization.numbers.memorizationLow, JSON.stringify(memorization.numbers));
  const es = ['one-class-core', 'random', 'boundary'].map((name) => entanglement.numbers[`es.${name}`]);
  assert.ok(es.every((v) => Number.isFinite(v) && v > 0) && new Set(es).size === 3, `ES per set ${es}`);
  const oneShot = Object.entries(rum.numbers).filter(([k]) => k.startsWith('tow.')).map(([, v]) => v);
  assert.deepEqual(oneShot.length, 2, 'finetune and salun, the algorithms of the default recipe, each run once');
  assert.ok(rum.numbers.towBestOneShot >= Math.max(...oneShot), 'the best single algorithm is at least as good as each of the recipe');
  assert.equal(rum.verdict, bothOrOne(oneShot.every((t) => rum.numbers.towRum > t), rum.numbers.towRum > rum.numbers.towControl), JSON.stringify(rum.numbers));
  const [accWith, accWithout] = [copies.numbers.retrainAccWithCopies, copies.numbers.retrainAccWithoutCopies];
  assert.equal(copies.verdict, accWith >= 0.8 && accWith - accWithout >= 0.5 ? 'held' : accWith - accWithout >= 0.2 ? 'partly' : 'did not hold', `${accWith} vs ${accWithout}`);

  const markdown = renderMarkdown(result);
  const rows = markdown.split('\n').filter((line) => /^\| (\d|FL) \|/.test(line));
  assert.equal(rows.length, 7);
  rows.forEach((row, k) => assert.ok(row.endsWith(`**${result.claims[k].verdict}** |`), row));
  assert.match(markdown, /\*\*Run time\*\*: \d+ s/);
  assert.match(markdown, /\*\*Seeds\*\*: 0/);
  assert.equal(result.runs.length, 8, 'one thorough audit and seven forget audits, each run once and reused');
});
