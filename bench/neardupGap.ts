// Acceptance rules for candidate pairs compared on cached similarity stages (bench/neardupCache.ts):
//   node --import tsx bench/neardupGap.ts <cache name> [more names…]
// e.g. fashion-train-800 digits fashion-test-10000. For each rule: pairs flagged (same label), of
// them under the pixel yardstick (images), pairs between untouched samples, false pairs on copies
// (naming neither their source nor another copy of it), and planted copies found per type. The
// rules: the tail rules as the audit ran them (global, local, aligned), and the copy-gap rule
// (src/core/factors/copyGap.ts) on the thumbnail and aligned scores at several settings.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findSimilarSamples } from '../src/core/factors/similarity';
import { CopyGapRule, ScoreRows, acceptedGroupFloors, copyGapRule, firstScores, sampleGaps } from '../src/core/factors/copyGap';
import { ALIGNED_CANDIDATES } from '../src/core/factors/alignedCorrelation';
import { TRUE_PAIR_MAX_DIFFERENCE, alignedPixelDifference } from './alignedPixelDifference';
import { CACHE_ROOT } from './neardupCacheRoot';

type Planted = { type: string; s: number; c: number };
interface Cache {
  name: string;
  n: number;
  k: number;
  alignedWidth: number;
  side: number;
  planted: Planted[];
  thresholds: Parameters<typeof findSimilarSamples>[1];
  indices: Int32Array;
  similarities: Float32Array;
  labels: Int32Array;
  aligned?: Float32Array;
  grey?: Uint8Array;
}

export function readCache(name: string, dir = CACHE_ROOT): Cache {
  const meta = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), 'utf8'));
  const read = <T>(key: string, make: (b: ArrayBuffer, offset: number, length: number) => T, bytes: number): T | undefined => {
    const file = path.join(dir, `${name}.${key}.bin`);
    if (!fs.existsSync(file)) return undefined;
    const b = fs.readFileSync(file);
    const copy = b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);
    return make(copy, 0, b.byteLength / bytes);
  };
  return {
    ...meta,
    indices: read('indices', (b, o, l) => new Int32Array(b, o, l), 4)!,
    similarities: read('similarities', (b, o, l) => new Float32Array(b, o, l), 4)!,
    labels: read('labels', (b, o, l) => new Int32Array(b, o, l), 4)!,
    aligned: read('aligned', (b, o, l) => new Float32Array(b, o, l), 4),
    grey: read('grey', (b, o, l) => new Uint8Array(b, o, l), 1),
  };
}

/** The first `width` columns of the cached aligned scores (scored on the first candidates, in their order). */
function alignedRows(c: Cache, width: number): ScoreRows {
  const w = Math.min(width, c.alignedWidth);
  const scores = new Float32Array(c.n * w);
  for (let i = 0; i < c.n; i++) scores.set(c.aligned!.subarray(i * c.alignedWidth, i * c.alignedWidth + w), i * w);
  return { width: w, scores };
}

type Pairs = Map<string, [number, number]>;

/** Pairs accepted by the gap rule on `rows`, whose columns are the first candidates in candidate order. */
function gapPairs(c: Cache, rows: ScoreRows, rule: CopyGapRule | null, out: Pairs): void {
  const floors = acceptedGroupFloors(rows, c.n, rule);
  for (let i = 0; i < c.n; i++) {
    if (!Number.isFinite(floors[i])) continue;
    for (let r = 0; r < rows.width; r++) {
      const j = c.indices[i * c.k + r];
      if (j >= 0 && rows.scores[i * rows.width + r] >= floors[i]) addPair(out, i, j);
    }
  }
}

function addPair(out: Pairs, i: number, j: number): void {
  const [a, b] = i < j ? [i, j] : [j, i];
  out.set(`${a},${b}`, [a, b]);
}

function todayPairs(c: Cache): Pairs {
  const aligned = c.aligned ? { m: ALIGNED_CANDIDATES, scores: alignedRows(c, ALIGNED_CANDIDATES).scores } : undefined;
  const similar = findSimilarSamples(
    { n: c.n, labels: c.labels, embeddingUnit: new Float32Array(0), embeddingDim: 0, candidates: { k: c.k, indices: c.indices, similarities: c.similarities }, contentHashes: Array.from({ length: c.n }, (_, i) => `${i}`), aligned },
    { ...c.thresholds, embedding: -1 },
  );
  const out: Pairs = new Map();
  similar.neighbours.forEach((list, i) => list.forEach(({ index }) => addPair(out, i, index)));
  return out;
}

export function evaluate(c: Cache, pairs: Pairs): { flagged: number; close: number; untouched: number; falsePairs: number; found: Map<string, number>; list: Array<[number, number]> } {
  const touched = new Set(c.planted.flatMap((p) => [p.s, p.c]));
  const sourceOf = new Map(c.planted.map((p) => [p.c, p.s]));
  const list = [...pairs.values()].filter(([a, b]) => c.labels[a] === c.labels[b]);
  const side = c.side;
  const area = side * side;
  const yardstick = (i: number, j: number) => alignedPixelDifference(c.grey!.subarray(i * area, (i + 1) * area), c.grey!.subarray(j * area, (j + 1) * area), side, side);
  const close = c.grey ? list.filter(([a, b]) => yardstick(a, b) <= TRUE_PAIR_MAX_DIFFERENCE).length : NaN;
  const untouched = list.filter(([a, b]) => !touched.has(a) && !touched.has(b)).length;
  const has = new Set(list.map(([a, b]) => `${a},${b}`));
  const key = (i: number, j: number) => (i < j ? `${i},${j}` : `${j},${i}`);
  let falsePairs = 0;
  for (const p of c.planted) {
    for (const [a, b] of list) {
      if (a !== p.c && b !== p.c) continue;
      const x = a === p.c ? b : a;
      if (x !== p.s && sourceOf.get(x) !== p.s) falsePairs++;
    }
  }
  const found = new Map<string, number>();
  for (const p of c.planted) found.set(p.type, (found.get(p.type) ?? 0) + (has.has(key(p.s, p.c)) ? 1 : 0));
  return { flagged: list.length, close, untouched, falsePairs, found, list };
}

function row(c: Cache, label: string, pairs: Pairs): string {
  const e = evaluate(c, pairs);
  return `| ${label} | ${e.flagged} | ${Number.isNaN(e.close) ? '–' : e.close} | ${e.untouched} | ${e.falsePairs} | ${[...e.found.values()].join(' / ')} |`;
}

export interface GapSetting {
  thumbnail: number;
  aligned: number;
  z: number;
  minCut: number;
}

/** Pairs accepted by the gap rule at `setting`: on the thumbnail (or cosine) scores, and on the aligned scores where there are any. */
export function gapRulePairs(c: Cache, setting: GapSetting): { pairs: Pairs; rules: Array<CopyGapRule | null> } {
  const pairs: Pairs = new Map();
  const rules: Array<CopyGapRule | null> = [];
  const sources: ScoreRows[] = [];
  if (setting.thumbnail > 0) sources.push(firstScores(c.similarities, c.k, setting.thumbnail));
  if (c.aligned && setting.aligned > 0) sources.push(alignedRows(c, setting.aligned));
  for (const rows of sources) {
    const rule = copyGapRule(sampleGaps(rows, c.n), rows.width, setting.z, setting.minCut);
    rules.push(rule);
    gapPairs(c, rows, rule, pairs);
  }
  return { pairs, rules };
}

function main(): void {
  const names = process.argv.slice(2);
  const zs = (process.env.Z_GRID ?? '3,4,5,6').split(',').map(Number);
  const minCuts = (process.env.MIN_CUTS ?? '0.5,1,1.5').split(',').map(Number);
  const widths = (process.env.WIDTHS ?? '10:10,10:6,10:0,0:10').split(',').map((w) => w.split(':').map(Number));
  for (const name of names) {
    const c = readCache(name);
    const types = [...new Set(c.planted.map((p) => p.type))];
    console.log(`\n# ${name}: ${c.n} rows, ${c.planted.length} planted\n`);
    console.log(`| rule | flagged pairs | under yardstick ${TRUE_PAIR_MAX_DIFFERENCE} | untouched pairs | false on copies | found: ${types.join(' / ')} |`);
    console.log('|---|---|---|---|---|---|');
    console.log(row(c, 'tail rules (before)', todayPairs(c)));
    for (const [thumbnail, aligned] of widths) {
      for (const z of zs) {
        for (const minCut of minCuts) {
          const { pairs, rules } = gapRulePairs(c, { thumbnail, aligned, z, minCut });
          const cuts = rules.map((r) => (r ? `${r.cut} (median ${r.median}, spread ${r.spread})` : '–')).join(', ');
          console.log(row(c, `gap thumb ${thumbnail} / aligned ${aligned}, z ${z}, min ${minCut}: cut ${cuts}`, pairs));
        }
      }
    }
  }
}

if (require.main === module) main();
