// The similarity stage's candidates for one near-duplicate benchmark, computed once and kept, so
// acceptance rules can be compared without retraining (bench/neardupGap.ts reads them):
//   node --import tsx bench/neardupCache.ts fashion-train|fashion-test|fashion-test-planted|digits [rows] [out dir]
// fashion-train: Fashion-MNIST training images as a planted folder (the test's generator, 12
// copies per type, seed 3; fashion-test-planted: the same from the test images); fashion-test: the first `rows` test images, nothing planted; digits:
// scikit-learn digits with the test's planted copies (seed 2). Writes <name>.json beside
// <name>.<array>.bin (candidates, aligned scores of ALIGNED_CACHE_WIDTH candidates, grey images).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { alignedScores, greyImages } from '../src/core/factors/alignedCorrelation';
import { writePlantedFolder } from '../test/helpers/plantedFolder';
import { readDigits, writeDigitsCsv } from '../test/helpers/digits';
import { plantDigitCopies } from '../test/helpers/plantedDigits';
import { PlantedPair } from '../test/helpers/plantedScore';
import { FASHION_TEST, fashionPlanted } from './neardupSets';
import { trainedFactors } from './trainedFactors';
import { CACHE_ROOT } from './neardupCacheRoot';

/** More aligned candidates than the audit scores, so a rule may look past a group of copies. */
export const ALIGNED_CACHE_WIDTH = 10;

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'fashion-train';
  const rows = Number(process.argv[3] ?? (which === 'fashion-test' ? 1000 : 800));
  const outDir = process.argv[4] ?? CACHE_ROOT;
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neardup-cache-'));
  let pairs: PlantedPair[] = [];
  let target: string;
  let seed: number | undefined;
  if (which === 'fashion-train' || which === 'fashion-test-planted') {
    pairs = writePlantedFolder(root, rows, 12, which === 'fashion-train' ? 'train' : 't10k').pairs;
    target = root;
    seed = 3;
  } else if (which === 'fashion-test') {
    target = FASHION_TEST;
  } else if (which === 'digits') {
    const digitRows = readDigits();
    pairs = plantDigitCopies(digitRows);
    target = writeDigitsCsv(path.join(root, 'digits.csv'), digitRows);
    seed = 2;
  } else throw new Error(`neardupCache: first argument must be fashion-train, fashion-test, fashion-test-planted or digits, got "${which}"`);
  const { dataset } = await loadDataset(target, which === 'fashion-test' ? { limit: rows } : {});
  const { factors, split } = await trainedFactors(dataset, seed);
  fs.rmSync(root, { recursive: true, force: true });
  const n = dataset.ids.length;
  const planted = fashionPlanted(dataset, pairs);
  const arrays: Record<string, ArrayBufferView> = {
    indices: factors.candidates.indices,
    similarities: factors.candidates.similarities,
    labels: dataset.y,
    trainMask: split.trainMask,
  };
  let alignedWidth = 0;
  if (dataset.image) {
    const grey = greyImages(dataset.X, n, dataset.image);
    const aligned = alignedScores(factors.candidates, grey, ALIGNED_CACHE_WIDTH);
    alignedWidth = aligned.m;
    arrays.aligned = aligned.scores;
    arrays.grey = grey.data;
  }
  const name = which === 'digits' ? 'digits' : `${which}-${rows}`;
  fs.mkdirSync(outDir, { recursive: true });
  for (const [key, a] of Object.entries(arrays)) fs.writeFileSync(path.join(outDir, `${name}.${key}.bin`), Buffer.from(a.buffer, a.byteOffset, a.byteLength));
  const meta = { name, n, k: factors.candidates.k, alignedWidth, side: dataset.image?.width ?? 0, classes: dataset.classes, planted, thresholds: factors.thresholds, why: factors.nearDuplicates.why };
  fs.writeFileSync(path.join(outDir, `${name}.json`), JSON.stringify(meta));
  console.log(`wrote ${name} (${n} rows, ${planted.length} planted) to ${outDir}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
