import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { writePlantedFolder } from '../helpers/plantedFolder';
import { formatScores, scorePlanted } from '../helpers/plantedScore';
import { tempDir } from '../helpers/tempFiles';

// Real data: the first Fashion-MNIST training images written out as an image folder (PNG), with
// copies of some of them augmented or re-encoded as a data pipeline would (see plantedFolder).
const ORIGINALS = 800;
const PER_TYPE = 12;
const root = tempDir();

/** The audit names image samples by relative path; the tests by file stem. */
function stem(id: string): string {
  return path.basename(id).replace(/\.(png|jpg)$/, '');
}

test('augmented and re-encoded image copies are found as near-duplicates; copies under another label are label conflicts', async () => {
  const { pairs, conflicts } = writePlantedFolder(root, ORIGINALS, PER_TYPE);
  const { report } = await runAudit(root, { mode: 'fast', seed: 3 });
  for (const s of report.samples) {
    s.id = stem(s.id);
    s.factors.similarIds = s.factors.similarIds.map(stem);
    s.factors.labelConflictIds = (s.factors.labelConflictIds ?? []).map(stem);
  }
  const scores = scorePlanted(report, pairs);
  console.log(formatScores(`Fashion-MNIST image folder, ${ORIGINALS} originals; ${report.diagnostics.nearDuplicates?.why}`, scores));
  const byId = new Map(report.samples.map((s) => [s.id, s]));
  const conflictFound = conflicts.filter((p) => byId.get(p.copy)!.factors.labelConflictIds!.includes(p.source)).length;
  const conflictAsSimilar = conflicts.filter((p) => byId.get(p.copy)!.factors.similarIds.includes(p.source)).length;
  console.log(`label conflicts: ${conflictFound}/${conflicts.length} reported, ${conflictAsSimilar} counted as similar`);
  assert.equal(conflictAsSimilar, 0, 'a copy with another label is never a similar sample');
  assert.ok(conflictFound >= 0.9 * conflicts.length, `${conflictFound}/${conflicts.length} label conflicts reported`);
  assert.equal(report.diagnostics.nearDuplicates?.method, 'shift-tolerant-correlation');
  for (const s of scores.filter((x) => CLAIMED.has(x.type))) {
    assert.ok(s.recall >= 0.95, `${s.type}: recall ${s.recall}`);
    assert.ok(s.precision >= 0.9, `${s.type}: precision ${s.precision}`);
  }
});

// The corruptions reaching the targets (recall ≥ 95 %, precision ≥ 90 %) in docs/VALIDATION.md;
// the others are reported there with what they reach. Shift 2 px and brightness/contrast since the
// aligned pixel correlation (before it: 67 % and 92 %); noise σ = 16 since the copy-gap rule (before
// it: 83 %; a noisy copy is less alike its source than look-alikes are elsewhere, but far closer
// than its own next neighbour).
const CLAIMED = new Set(['shift 1 px', 'shift 2 px', 'brightness/contrast', 'noise σ=8', 'noise σ=16', 'JPEG q=75', 'JPEG q=40', 'resized 40 px']);
