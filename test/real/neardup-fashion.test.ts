import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { createRandom, permutation } from '../../src/core/util/random';
import { GrayImage, brightnessContrast, folderPath, gaussianNoise, readFashion, resized, shifted, writeJpeg, writePng } from '../helpers/plantedImages';
import { PlantedPair, formatScores, scorePlanted } from '../helpers/plantedScore';
import { tempDir } from '../helpers/tempFiles';

// Real data: the first Fashion-MNIST training images written out as an image folder (PNG), with
// copies of some of them augmented or re-encoded as a data pipeline would (PNG or JPEG files).
const ORIGINALS = 1200;
const PER_TYPE = 12;
const root = tempDir();

type Planting = { type: string; make: (image: GrayImage, random: () => number) => GrayImage; jpegQuality?: number };
const PLANTINGS: Planting[] = [
  { type: 'shift 1 px', make: (im, r) => shifted(im, r() < 0.5 ? 1 : -1, r() < 0.5 ? 1 : 0) },
  { type: 'shift 2 px', make: (im, r) => shifted(im, r() < 0.5 ? 2 : -2, r() < 0.5 ? 1 : -1) },
  { type: 'brightness/contrast', make: (im, r) => brightnessContrast(im, 0.75 + 0.5 * r(), -25 + 50 * r()) },
  { type: 'noise σ=8', make: (im, r) => gaussianNoise(im, 8, r) },
  { type: 'noise σ=16', make: (im, r) => gaussianNoise(im, 16, r) },
  { type: 'JPEG q=75', make: (im) => im, jpegQuality: 75 },
  { type: 'JPEG q=40', make: (im) => im, jpegQuality: 40 },
  { type: 'resized 40 px', make: (im) => resized(im, 40, 40) },
  { type: 'resized 20 px', make: (im) => resized(im, 20, 20) },
  { type: 'shift+brightness+noise, JPEG', make: (im, r) => gaussianNoise(brightnessContrast(shifted(im, 1, r() < 0.5 ? 1 : -1), 1.15, 15), 6, r), jpegQuality: 85 },
];

function writePlantedFolder(): { pairs: PlantedPair[]; conflicts: PlantedPair[] } {
  const data = readFashion(ORIGINALS);
  const ids = data.map((d, i) => {
    writePng(folderPath(root, d.label, `f${i}.png`), d.image);
    return `f${i}`;
  });
  const random = createRandom(11);
  const order = permutation(ORIGINALS, random);
  const pairs: PlantedPair[] = [];
  let next = 0;
  for (const planting of PLANTINGS) {
    for (let c = 0; c < PER_TYPE; c++) {
      const i = order[next++];
      const copy = planting.make(data[i].image, random);
      const name = `copy${next}.${planting.jpegQuality ? 'jpg' : 'png'}`;
      const file = folderPath(root, data[i].label, name);
      if (planting.jpegQuality) writeJpeg(file, copy, planting.jpegQuality);
      else writePng(file, copy);
      pairs.push({ source: ids[i], copy: `copy${next}`, type: planting.type });
    }
  }
  // Mild noise copies filed under another class: label conflicts.
  const conflicts: PlantedPair[] = [];
  for (let c = 0; c < PER_TYPE; c++) {
    const i = order[next++];
    const label = (data[i].label + 1 + (c % 9)) % 10;
    writePng(folderPath(root, label, `conflict${c}.png`), gaussianNoise(data[i].image, 8, random));
    conflicts.push({ source: ids[i], copy: `conflict${c}`, type: 'other label' });
  }
  return { pairs, conflicts };
}

/** The audit names image samples by relative path; the tests by file stem. */
function stem(id: string): string {
  return path.basename(id).replace(/\.(png|jpg)$/, '');
}

test('augmented and re-encoded image copies are found as near-duplicates; copies under another label are label conflicts', async () => {
  const { pairs, conflicts } = writePlantedFolder();
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
  assert.ok(conflictFound >= 0.95 * conflicts.length, `${conflictFound}/${conflicts.length} label conflicts reported`);
  assert.equal(report.diagnostics.nearDuplicates?.method, 'shift-tolerant-correlation');
  for (const s of scores.filter((x) => CLAIMED.has(x.type))) {
    assert.ok(s.recall >= 0.95, `${s.type}: recall ${s.recall}`);
    assert.ok(s.precision >= 0.9, `${s.type}: precision ${s.precision}`);
  }
});

const CLAIMED = new Set(PLANTINGS.map((p) => p.type));
