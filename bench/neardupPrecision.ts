// Precision of the near-duplicate rules at scale, judged by a criterion independent of the code
// under test (alignedPixelDifference: mean |pixel residual| after the best ±2 px shift and affine
// brightness fit), and recall of planted copies, for several caps on the local rule's cut:
//   node --import tsx bench/neardupPrecision.ts train|test rows
// train: the first `rows` Fashion-MNIST training images written out as an image folder with
// 12 planted copies per corruption type (test/helpers/plantedFolder.ts); test: the first `rows`
// Fashion-MNIST test images as IDX, nothing planted. A flagged pair is true when it is a planted
// copy (of the same source) or its aligned difference is ≤ TRUE_PAIR_MAX_DIFFERENCE.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadDataset } from '../src/core/data/load';
import { Dataset } from '../src/core/data/dataset';
import { SIMILARITY_FLOOR } from '../src/core/factors/adaptiveThreshold';
import { localRatioRule } from '../src/core/factors/localRatio';
import { findSimilarSamples } from '../src/core/factors/similarity';
import { ComputedFactors } from '../src/core/audit/computeFactors';
import { writePlantedFolder } from '../test/helpers/plantedFolder';
import { TRUE_PAIR_MAX_DIFFERENCE, alignedPixelDifference } from './alignedPixelDifference';
import { trainedFactors } from './trainedFactors';

/** A looser yardstick, to show how much the precision depends on the choice above. */
const LOOSE_MAX_DIFFERENCE = 12;
const FASHION_TEST = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
// -Infinity: the local rule off, the global threshold alone.
const CAPS = [null, -1.5, -1.75, -2, -2.25, -2.5, -Infinity];

async function main(): Promise<void> {
  const which = process.argv[2] ?? 'train';
  const rows = Number(process.argv[3] ?? 1000);
  if (which !== 'train' && which !== 'test') throw new Error(`neardupPrecision: first argument must be train or test, got "${which}"`);
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'neardup-precision-'));
  const pairs = which === 'train' ? writePlantedFolder(root, rows, 12).pairs : [];
  const { dataset } = which === 'train' ? await loadDataset(root) : await loadDataset(FASHION_TEST, { limit: rows });
  const { factors } = await trainedFactors(dataset);
  fs.rmSync(root, { recursive: true, force: true });
  const stem = (id: string) => path.basename(id).replace(/\.(png|jpg)$/, '');
  const index = new Map(dataset.ids.map((id, i) => [stem(id), i]));
  const planted = pairs.map((p) => ({ type: p.type, s: index.get(p.source)!, c: index.get(p.copy)! }));
  console.log(`# Fashion-MNIST ${which}, ${dataset.ids.length} rows (${planted.length} planted copies): ${factors.nearDuplicates.why}\n`);
  console.log(capTable(dataset, factors, planted));
}

type Planted = { type: string; s: number; c: number };

function capTable(dataset: Dataset, factors: ComputedFactors, planted: Planted[]): string {
  const n = dataset.ids.length;
  const grey = greyLevels(dataset);
  const sourceOf = new Map<number, number>(planted.map((p) => [p.c, p.s]));
  const root = (i: number) => sourceOf.get(i) ?? i;
  const types = [...new Set(planted.map((p) => p.type))];
  const cache = new Map<string, number>();
  const difference = (i: number, j: number) => {
    const key = `${Math.min(i, j)},${Math.max(i, j)}`;
    if (!cache.has(key)) cache.set(key, alignedPixelDifference(grey.subarray(i * 784, (i + 1) * 784), grey.subarray(j * 784, (j + 1) * 784), 28, 28));
    return cache.get(key)!;
  };
  const header = `| cap on the local cut | cut used | flagged pairs | true (planted / aligned difference ≤ ${TRUE_PAIR_MAX_DIFFERENCE}) | precision | precision at ≤ ${LOOSE_MAX_DIFFERENCE} | samples flagged |${types.length ? ` copies found: ${types.join(' / ')} |` : ''}`;
  const out = [header, `|${'---|'.repeat(7 + (types.length ? 1 : 0))}`];
  for (const cap of CAPS) {
    const rule = localRatioRule(factors.candidates, undefined, undefined, cap ?? Infinity);
    const similar = findSimilarSamples(
      { n, labels: dataset.y, embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates: factors.candidates, contentHashes: dataset.contentHashes },
      { input: factors.thresholds.input, embedding: -1, ...(rule ? { local: { ...rule, floor: SIMILARITY_FLOOR } } : {}) },
    );
    let flagged = 0;
    let truePairs = 0;
    let plantedTrue = 0;
    let looseTrue = 0;
    for (let i = 0; i < n; i++) {
      for (const { index: j } of similar.neighbours[i]) {
        if (j < i && similar.neighbours[j].some((x) => x.index === i)) continue;
        flagged++;
        if (root(i) === root(j) && (sourceOf.has(i) || sourceOf.has(j))) plantedTrue++;
        else {
          const d = difference(i, j);
          if (d <= TRUE_PAIR_MAX_DIFFERENCE) truePairs++;
          if (d <= LOOSE_MAX_DIFFERENCE) looseTrue++;
        }
      }
    }
    const samples = similar.count.filter((c) => c > 0).length;
    const found = types.map((t) => planted.filter((p) => p.type === t && similar.neighbours[p.c].some((x) => x.index === p.s)).length);
    const share = (t: number) => (flagged ? ((100 * (t + plantedTrue)) / flagged).toFixed(1) + ' %' : '–');
    out.push(`| ${cap === -Infinity ? 'local rule off' : cap ?? 'none'} | ${rule?.cut ?? ''} | ${flagged} | ${plantedTrue} + ${truePairs} | ${share(truePairs)} | ${share(looseTrue)} | ${samples} (${((100 * samples) / n).toFixed(1)} %) |${types.length ? ` ${found.join(' / ')} |` : ''}`);
  }
  const planted_ = planted.map((p) => `${p.type} ${difference(p.s, p.c).toFixed(1)}`);
  if (planted_.length) out.push('', `aligned difference of each planted copy: ${planted_.join('; ')}`);
  return out.join('\n');
}

/** Each sample's pixels on a 0–255 scale, undoing the loader's per-pixel standardisation. */
function greyLevels(dataset: Dataset): Float64Array {
  const layout = dataset.image;
  if (!layout || dataset.numFeatures !== 784) throw new Error(`neardupPrecision: expected 28 × 28 grey images, got ${dataset.numFeatures} features`);
  const dim = dataset.numFeatures;
  return Float64Array.from(dataset.X, (v, k) => 255 * (v * layout.std[k % dim] + layout.mean[k % dim]));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
