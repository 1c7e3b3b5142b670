// Where planted near-duplicate pairs are lost, stage by stage, and how the local rule's z trades
// recall for flagged originals, on the planted benchmarks of test/real/neardup-{fashion,digits}:
//   node --import tsx bench/neardupDiagnosis.ts fashion|digits [Fashion-MNIST originals, default 800 as in the test]
// Trains the audit's model as a fast audit does, runs the real similarity stage (computeFactors),
// then follows each planted pair: test split (both ends held out, so neither may list the other),
// candidate generation (neither in the other's candidates), the thresholds, found.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { ComputedFactors } from '../src/core/audit/computeFactors';
import { SIMILARITY_FLOOR } from '../src/core/factors/adaptiveThreshold';
import { localRatioRule } from '../src/core/factors/localRatio';
import { findSimilarSamples } from '../src/core/factors/similarity';
import { Dataset } from '../src/core/data/dataset';
import { writePlantedFolder } from '../test/helpers/plantedFolder';
import { readDigits, writeDigitsCsv } from '../test/helpers/digits';
import { plantDigitCopies } from '../test/helpers/plantedDigits';
import { PlantedPair } from '../test/helpers/plantedScore';
import { trainedFactors } from './trainedFactors';

const SEEDS = { fashion: 3, digits: 2 };

async function main(): Promise<void> {
  const which = (process.argv[2] ?? 'fashion') as keyof typeof SEEDS;
  const seed = SEEDS[which];
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neardup-diagnosis-'));
  let pairs: PlantedPair[];
  let target = root;
  if (which === 'fashion') pairs = writePlantedFolder(root, Number(process.argv[3] ?? 800), 12).pairs;
  else {
    const rows = readDigits();
    pairs = plantDigitCopies(rows);
    target = writeDigitsCsv(path.join(root, 'digits.csv'), rows);
  }
  const { dataset } = await loadDataset(target);
  const { factors, split } = await trainedFactors(dataset, seed);
  const stem = (id: string) => path.basename(id).replace(/\.(png|jpg)$/, '');
  const index = new Map(dataset.ids.map((id, i) => [stem(id), i]));
  const planted = pairs.map((p) => ({ ...p, s: index.get(p.source)!, c: index.get(p.copy)! }));
  console.log(`# ${which}: ${factors.nearDuplicates.why}\n`);
  console.log(lossTable(planted, split.trainMask, factors));
  console.log('\n' + zTable(planted, dataset, factors));
  fs.rmSync(root, { recursive: true, force: true });
}

type Planted = PlantedPair & { s: number; c: number };

function lossTable(planted: Planted[], trainMask: Uint8Array, factors: ComputedFactors): string {
  const { candidates, similar } = factors;
  const k = candidates.k;
  const listed = (i: number, j: number) => candidates.indices.subarray(i * k, (i + 1) * k).includes(j);
  const rows = ['| corruption | planted | lost: both held out | lost: not a candidate | lost: below the thresholds | found |', '|---|---|---|---|---|---|'];
  for (const type of [...new Set(planted.map((p) => p.type))]) {
    const of = planted.filter((p) => p.type === type);
    const count = (f: (p: Planted) => boolean) => of.filter(f).length;
    const heldOut = (p: Planted) => !trainMask[p.s] && !trainMask[p.c];
    const notCandidate = (p: Planted) => !heldOut(p) && !listed(p.c, p.s) && !listed(p.s, p.c);
    const found = (p: Planted) => similar.neighbours[p.c].some((x) => x.index === p.s);
    rows.push(`| ${type} | ${of.length} | ${count(heldOut)} | ${count(notCandidate)} | ${of.length - count(heldOut) - count(notCandidate) - count(found)} | ${count(found)} |`);
  }
  return rows.join('\n');
}

/** Copies found per type, false pairs on copies and untouched samples flagged, for the local rule at several z (global threshold unchanged). */
function zTable(planted: Planted[], dataset: Dataset, factors: ComputedFactors): string {
  const { candidates } = factors;
  const n = dataset.ids.length;
  const touched = new Set(planted.flatMap((p) => [p.s, p.c]));
  const sourceOf = new Map(planted.map((p) => [p.c, p.s]));
  const types = [...new Set(planted.map((p) => p.type))];
  const rows = [`| local rule z | cut | untouched samples flagged (of ${n - touched.size}) | false pairs on copies | copies found per type: ${types.join(' / ')} |`, '|---|---|---|---|---|'];
  for (const z of [null, 2, 2.5, 3, 3.5, 4]) {
    const rule = z === null ? null : localRatioRule(candidates, z);
    const similar = findSimilarSamples(
      { n, labels: dataset.y, embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates, contentHashes: dataset.contentHashes },
      { input: factors.thresholds.input, embedding: -1, ...(rule ? { local: { ...rule, floor: SIMILARITY_FLOOR } } : {}) },
    );
    let flaggedOriginals = 0;
    for (let i = 0; i < n; i++) if (!touched.has(i) && similar.neighbours[i].some((x) => !touched.has(x.index))) flaggedOriginals++;
    const falsePairs = planted.reduce((sum, p) => sum + similar.neighbours[p.c].filter((x) => x.index !== p.s && sourceOf.get(x.index) !== p.s).length, 0);
    const found = types.map((t) => planted.filter((p) => p.type === t && similar.neighbours[p.c].some((x) => x.index === p.s)).length);
    rows.push(`| ${z ?? 'off (global only)'} | ${rule?.cut ?? ''} | ${flaggedOriginals} | ${falsePairs} | ${found.join(' / ')} |`);
  }
  return rows.join('\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
