// The pairs the copy-gap rule flags on a cached similarity stage (bench/neardupCache.ts), with each
// pair's gaps, at one or more minimum cuts (the trade-off table of docs/VALIDATION.md):
//   node --import tsx bench/neardupGapPairs.ts <cache name> <minCut,…> [out.json]
import * as fs from 'node:fs';
import { ALIGNED_CANDIDATES } from '../src/core/factors/alignedCorrelation';
import { COPY_GAP_CANDIDATES, COPY_GAP_Z } from '../src/core/factors/copyGap';
import { evaluate, gapRulePairs, readCache } from './neardupGap';

const [name, cuts, out] = process.argv.slice(2);
const c = readCache(name);
const result = cuts.split(',').map(Number).map((minCut) => {
  const e = evaluate(c, gapRulePairs(c, { thumbnail: COPY_GAP_CANDIDATES, aligned: ALIGNED_CANDIDATES, z: COPY_GAP_Z, minCut }).pairs);
  console.log(`${name} min cut ${minCut}: ${e.flagged} pairs, ${e.untouched} untouched, ${e.falsePairs} false on copies, found ${[...e.found.values()].join(' / ')}`);
  return { minCut, pairs: e.list.map(([a, b]) => ({ a, b })) };
});
if (out) fs.writeFileSync(out, JSON.stringify({ name, settings: result, pairs: result[0].pairs }, null, 1));
