import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tInterval } from '../../validate/stats/interval';
import { allTestsVerdict, intervalVerdict, overDatasetsVerdict } from '../../validate/verdicts';
import { insertRun, RUNS_MARKER } from '../../validate/history';
import { sizedConfig, FULL_CONFIG } from '../../validate/config';

test('t interval: mean ± t(0.975, n−1)·s/√n, by hand', () => {
  // [1, 2, 3]: mean 2, s = 1, t(0.975, 2) = 4.303 → half-width 4.303/√3 = 2.4843.
  const i = tInterval([1, 2, 3]);
  assert.equal(i.mean, 2);
  assert.ok(Math.abs(i.low - (2 - 2.4843)) < 1e-3 && Math.abs(i.high - (2 + 2.4843)) < 1e-3, JSON.stringify(i));
  // Five seeds, t(0.975, 4) = 2.776; a NaN seed is dropped, not counted.
  const j = tInterval([0.1, 0.2, 0.3, 0.4, 0.5, NaN]);
  assert.equal(j.n, 5);
  assert.ok(Math.abs(j.high - j.mean - (2.776 * Math.sqrt(0.025)) / Math.sqrt(5)) < 1e-9);
  assert.ok(Number.isNaN(tInterval([0.4]).low), 'one value: no interval');
  const flat = tInterval([1, 1, 1]);
  assert.deepEqual([flat.low, flat.high], [1, 1]);
});

test('interval verdicts: held only when the whole interval clears the threshold', () => {
  const above = { side: 'above', threshold: 0 } as const;
  const below = { side: 'below', threshold: 0 } as const;
  assert.equal(intervalVerdict({ mean: 0.2, low: 0.01, high: 0.4, n: 5 }, above), 'held');
  assert.equal(intervalVerdict({ mean: 0.2, low: -0.01, high: 0.4, n: 5 }, above), 'inconclusive');
  assert.equal(intervalVerdict({ mean: -0.2, low: -0.4, high: -0.01, n: 5 }, above), 'not held');
  assert.equal(intervalVerdict({ mean: -0.2, low: -0.4, high: -0.01, n: 5 }, below), 'held');
  assert.equal(intervalVerdict({ mean: 0, low: 0, high: 0, n: 5 }, above), 'not held', 'on the threshold is not beyond it');
  assert.equal(intervalVerdict({ mean: 0.3, low: NaN, high: NaN, n: 1 }, above), 'not testable');
  assert.equal(allTestsVerdict(['held', 'held']), 'held');
  assert.equal(allTestsVerdict(['held', 'inconclusive']), 'inconclusive');
  assert.equal(allTestsVerdict(['held', 'not held']), 'not held');
  assert.equal(allTestsVerdict(['held', 'not testable']), 'inconclusive');
  assert.equal(overDatasetsVerdict(['held', 'not testable', 'held']), 'held');
  assert.equal(overDatasetsVerdict(['held', 'not held']), 'inconclusive');
  assert.equal(overDatasetsVerdict(['not held', 'not held']), 'not held');
  assert.equal(overDatasetsVerdict(['not testable']), 'not testable');
});

test('run history: a new run goes below the marker, everything else is kept', () => {
  const doc = `# Validation\n\nintro\n\n${RUNS_MARKER}\n\n## Run old\n\nold numbers\n\n## Near-duplicate benchmark\n\nsomeone else's\n`;
  const next = insertRun(doc, 'unused', '## Run new\n\nnew numbers\n');
  assert.ok(next.indexOf('## Run new') < next.indexOf('## Run old'), 'newest first');
  for (const kept of ['intro', 'old numbers', "someone else's"]) assert.ok(next.includes(kept), kept);
  assert.throws(() => insertRun('# no marker\n', 'x', 'y'), /marker/);
  assert.ok(insertRun(null, '# Fresh', '## Run a').startsWith(`# Fresh\n\n${RUNS_MARKER}`));
});

test('run size: --seeds and --datasets shrink the run and say so in its name; bad values are refused', () => {
  const small = sizedConfig(FULL_CONFIG, { seeds: 3, datasets: ['wine', 'digits'] });
  assert.deepEqual(small.seeds, [0, 1, 2]);
  assert.deepEqual(small.datasets.difficulty, ['digits', 'wine']);
  assert.deepEqual(small.datasets.copies, ['digits']);
  assert.match(small.name, /3 seeds; datasets wine, digits/);
  assert.equal(sizedConfig(FULL_CONFIG, {}), FULL_CONFIG);
  assert.throws(() => sizedConfig(FULL_CONFIG, { seeds: 1 }), /--seeds: expected an integer ≥ 2/);
  assert.throws(() => sizedConfig(FULL_CONFIG, { datasets: ['mnist'] }), /unknown dataset\(s\) mnist/);
});
