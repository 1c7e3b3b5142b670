import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { readDigits, untouchedFlags, writeDigitsCsv } from '../helpers/digits';
import { plantDigitCopies } from '../helpers/plantedDigits';
import { formatScores, scorePlanted } from '../helpers/plantedScore';
import { tempDir } from '../helpers/tempFiles';

// Real data: scikit-learn's 1797 digits (a 64-column table, 0..16 per cell), with noisy copies of
// some rows (see plantedDigits).
const dir = tempDir();

test('digits: copies with small numeric noise are near-duplicates at the dataset-adaptive threshold', async () => {
  const rows = readDigits();
  const pairs = plantDigitCopies(rows);
  const { report } = await runAudit(writeDigitsCsv(path.join(dir, 'digits.csv'), rows), { mode: 'fast', seed: 2 });
  const scores = scorePlanted(report, pairs);
  console.log(formatScores(`digits, 1797 originals; ${report.diagnostics.nearDuplicates?.why}`, scores));
  const planted = new Set(pairs.flatMap((p) => [p.source, p.copy]));
  const others = untouchedFlags(report.samples, rows, planted);
  const far = others.filter((d) => d.meanAbsDiff >= 1).length;
  console.log(`untouched digits with a flagged neighbour: ${others.length}/${report.samples.length - planted.size}, ${far} of them ≥ 1 grey level per cell from it`);
  assert.ok(far <= 0.1 * others.length, `${far} of ${others.length} flags on untouched digits name a sample ≥ 1 grey level per cell away`);
  assert.equal(report.diagnostics.nearDuplicates?.method, 'cosine');
  for (const s of scores.filter((x) => CLAIMED.has(x.type))) {
    assert.ok(s.recall >= 0.95, `${s.type}: recall ${s.recall}`);
    assert.ok(s.precision >= 0.9, `${s.type}: precision ${s.precision}`);
  }
});

// The noise levels reaching the targets (docs/VALIDATION.md reports the others; σ = 0.5 was
// claimed until the local rule's cut was capped at LOCAL_RATIO_MAX_CUT, and is now at 85 %).
const CLAIMED = new Set(['one cell ±1', '8 cells ±1']);
