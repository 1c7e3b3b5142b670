import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMOKE_CONFIG } from '../../validate/config';
import { renderMarkdown } from '../../validate/render';
import { runValidation } from '../../validate/runValidation';
import { VERDICTS, combineVerdicts, copiesVerdict, proxyVerdict } from '../../validate/verdicts';

// Real data: scikit-learn's breast cancer, through the whole validation harness in its tiny configuration.
test('validation smoke run: one row per claim, each with numbers and a verdict that follows its rule', async () => {
  const result = await runValidation(SMOKE_CONFIG);
  assert.deepEqual(result.claims.map((c) => c.id), ['1', '2', '3', '4', '5', '6', 'FL']);
  for (const claim of result.claims) {
    assert.ok(claim.perDataset.length >= 1, `claim ${claim.id} measured on no dataset`);
    assert.ok(VERDICTS.includes(claim.verdict), `claim ${claim.id}: verdict ${claim.verdict}`);
    assert.equal(claim.verdict, combineVerdicts(claim.perDataset.map((d) => d.verdict)));
    for (const d of claim.perDataset) {
      assert.equal(d.dataset, 'breast cancer');
      assert.match(d.measured, /\d/, `claim ${claim.id}: no number in "${d.measured}"`);
      assert.ok(Object.values(d.numbers).some(Number.isFinite), `claim ${claim.id}: no finite number`);
    }
  }
  const [proxy, memorization, entanglement, rum, copies] = result.claims.map((c) => c.perDataset[0]);
  assert.equal(proxy.verdict, proxyVerdict(proxy.numbers.rho));
  assert.ok(proxy.numbers.rho >= -1 && proxy.numbers.rho <= 1);
  // The high-memorization set really is more memorized than the low one (the sets are what they say).
  assert.ok(memorization.numbers.memorizationHigh > memorization.numbers.memorizationLow, JSON.stringify(memorization.numbers));
  const es = ['one-class-core', 'random', 'boundary'].map((name) => entanglement.numbers[`es.${name}`]);
  assert.ok(es.every((v) => Number.isFinite(v) && v > 0) && new Set(es).size === 3, `ES per set ${es}`);
  for (const key of ['towRum', 'towControl', 'towBestOneShot']) assert.ok(rum.numbers[key] >= 0 && rum.numbers[key] <= 1, `${key} ${rum.numbers[key]}`);
  assert.ok(rum.numbers.towBestOneShot >= rum.numbers['tow.finetune']);
  assert.equal(copies.verdict, copiesVerdict(copies.numbers.retrainAccWithCopies, copies.numbers.retrainAccWithoutCopies));

  const markdown = renderMarkdown(result);
  const rows = markdown.split('\n').filter((line) => /^\| (\d|FL) \|/.test(line));
  assert.equal(rows.length, 7);
  rows.forEach((row, k) => assert.ok(row.endsWith(`**${result.claims[k].verdict}** |`), row));
  assert.match(markdown, /\*\*Run time\*\*: \d+ s/);
  assert.match(markdown, /\*\*Seeds\*\*: 0/);
  assert.equal(result.runs.length, 8, 'one thorough audit and seven forget audits, each run once and reused');
});
