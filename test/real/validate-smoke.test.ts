import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMOKE_CONFIG } from '../../validate/config';
import { renderRun } from '../../validate/render';
import { runValidation } from '../../validate/runValidation';

// The interval and the rules of docs/VALIDATION.md restated here, not imported: the harness must
// judge the numbers it shows, and an interval or a verdict computed the wrong way fails.
const T_975_ONE_DF = 12.706;
function byHand(values: number[]): { mean: number; low: number; high: number } {
  const [a, b] = values;
  const mean = (a + b) / 2;
  const half = (T_975_ONE_DF * Math.abs(a - b)) / 2; // s/√n for two values is |a − b|/2
  return { mean, low: mean - half, high: mean + half };
}
function ruleByHand(values: number[], rule: { side: 'above' | 'below'; threshold: number }): string {
  if (!values.every(Number.isFinite)) return 'not testable';
  const { low, high } = byHand(values);
  const [near, far] = rule.side === 'above' ? [low, high] : [-high, -low];
  const t = rule.side === 'above' ? rule.threshold : -rule.threshold;
  return near > t ? 'held' : far <= t ? 'not held' : 'inconclusive';
}

// Real data: scikit-learn's breast cancer, through the whole harness in its tiny configuration (two seeds).
test('validation smoke run: every claim over two seeds, intervals and verdicts that follow the stated rules', async () => {
  const result = await runValidation(SMOKE_CONFIG);
  assert.deepEqual(result.claims.map((c) => c.id), ['1', '2', '3', '4', '5', '6', 'FL']);
  const engine = { commit: 'f'.repeat(40), dirty: true };
  const section = renderRun(result, engine);
  let judgedRows = 0;
  for (const claim of result.claims) {
    assert.equal(claim.perDataset.length, 1, `claim ${claim.id}`);
    const d = claim.perDataset[0];
    assert.equal(d.dataset, 'breast cancer');
    assert.equal(d.numbers.length, 2, `claim ${claim.id}: one measurement per seed`);
    for (const row of d.rows) {
      assert.equal(row.values.length, 2);
      assert.deepEqual(row.values, d.numbers.map((n) => n[row.test.key]), `claim ${claim.id} ${row.test.key}: the values are the measured ones`);
      const expected = ruleByHand(row.values, row.test.rule);
      assert.equal(row.verdict, expected, `claim ${claim.id} ${row.test.key}: ${row.values} against ${JSON.stringify(row.test.rule)}`);
      if (expected !== 'not testable') {
        const hand = byHand(row.values);
        assert.ok(Math.abs(row.interval.low - hand.low) < 1e-9 && Math.abs(row.interval.high - hand.high) < 1e-9, `${claim.id} ${row.test.key} interval`);
        // The table shows this interval (3 decimals) and this verdict on the row.
        const shown = `${hand.mean.toFixed(3)} [${hand.low.toFixed(3)}, ${hand.high.toFixed(3)}] (n = 2)`;
        const line = section.split('\n').find((l) => l.startsWith(`| ${claim.id} | breast cancer | `) && l.includes(shown));
        assert.ok(line, `claim ${claim.id} ${row.test.key}: no table row shows ${shown}`);
        judgedRows++;
      }
    }
    const claimRows = d.rows.filter((r) => r.test.role === 'claim').map((r) => r.verdict);
    const datasetVerdict = claimRows.includes('not held') ? 'not held' : claimRows.every((v) => v === 'held') ? 'held' : claimRows.every((v) => v === 'not testable') ? 'not testable' : 'inconclusive';
    assert.equal(d.verdict, datasetVerdict, `claim ${claim.id}: ${claimRows}`);
    assert.equal(claim.verdict, d.verdict, 'one dataset: the claim is that dataset');
  }
  assert.ok(judgedRows >= 10, `only ${judgedRows} rows had an interval`);

  // The measurements are what they say, on each seed.
  const at = (id: string) => result.claims.find((c) => c.id === id)!.perDataset[0].numbers;
  for (const n of at('2')) assert.ok(n.memorizationHigh > n.memorizationLow, JSON.stringify(n));
  for (const n of at('3')) {
    const es = ['one-class-core', 'random', 'boundary'].map((name) => n[`es.${name}`]);
    assert.ok(es.every((v) => Number.isFinite(v) && v > 0) && new Set(es).size === 3, `ES per set ${es}`);
  }
  for (const n of at('4')) assert.equal(Object.keys(n).filter((k) => k.startsWith('tow.')).length, 2, 'finetune and salun, the default recipe, each run once');
  for (const n of at('5')) assert.ok(Math.abs(n.retrainAccGap - (n.retrainAccWithCopies - n.retrainAccWithoutCopies)) < 1e-12);
  for (const n of at('FL')) assert.ok(Math.abs(n['gain.difficulty-memorization'] - (n['rho.difficulty'] - n['rho.memorization'])) < 1e-12);
  // The seeds are really different runs (data split, forget sets, models).
  assert.notEqual(at('1')[0].rho, at('1')[1].rho);

  const flRows = section.split('\n').filter((l) => l.startsWith('| FL | '));
  for (const name of ["the audit's difficulty", 'memorization alone', '1 − confidence alone']) assert.ok(flRows.some((l) => l.includes(name)), `FL row for ${name}`);
  assert.match(section, /^## Run .* · engine ffffffffff \(dirty\) · `smoke`/);
  assert.match(section, /\*\*Engine\*\*: commit f{40}, \*\*dirty\*\*/);
  assert.match(section, /seeds 0, 1;/);
  assert.equal(result.runs.length, 16, 'per seed: one thorough audit and seven forget audits, each run once and reused');
});
