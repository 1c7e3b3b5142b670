import { spawnSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';
import { RESULT_PREFIX } from './similarityStage';

interface StageResult {
  label: string;
  rows: number;
  seconds: number;
  /** CPU seconds of all the process's threads over the similarity and factors stages. */
  cpuSeconds: number;
  flagged: number;
  inputSearch: { method: string; dimensions: number; recallAtK: number | null };
  embeddingSearch: { method: string; dimensions: number; recallAt10: number } | null;
}

export const SIMILARITY_HEADING = '## Similarity stage, Fashion-MNIST 60k: before and after, in one run';

/**
 * BENCH_ONLY=similarity: the similarity stage of `baselineSrc` (an older checkout's src) and of
 * this code, on the same data in one child process, so the ratio holds on a loaded machine.
 */
export function similaritySection(root: string, baselineSrc: string | undefined, rows: number): string {
  const loadBefore = os.loadavg()[0];
  const child = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'similarityStage.ts'), String(rows)], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, ...(baselineSrc ? { BENCH_COMPARE_SRC: baselineSrc } : {}) },
    maxBuffer: 1 << 26,
  });
  if (child.status !== 0) throw new Error(`similarity stage bench failed: ${child.stderr}`);
  const results: StageResult[] = child.stdout
    .split('\n')
    .filter((l) => l.startsWith(RESULT_PREFIX))
    .map((l) => JSON.parse(l.slice(RESULT_PREFIX.length)));
  const base = results.find((r) => r.label === 'compared');
  const row = (r: StageResult) =>
    `| ${r.label === 'compared' ? `before (${baselineSrc})` : 'this code'} | ${r.seconds.toFixed(1)} | ${base ? (r.seconds / base.seconds).toFixed(2) : '–'} | ${r.cpuSeconds.toFixed(1)} | ${base ? (r.cpuSeconds / base.cpuSeconds).toFixed(2) : '–'} | ` +
    `${r.embeddingSearch ? `${r.embeddingSearch.method}, ${r.embeddingSearch.dimensions} dims, recall@10 ${r.embeddingSearch.recallAt10}` : 'exact, all dims'} | ` +
    `${r.inputSearch.method}, recall@10 of input-cosine neighbours ${r.inputSearch.recallAtK ?? '–'} | ${r.flagged} |`;
  return [
    SIMILARITY_HEADING,
    '',
    `\`BENCH_ONLY=similarity\` (BENCH_SIMILARITY_BASELINE=<older checkout>/src adds the "before" row): the similarity stage alone on the first ${rows} Fashion-MNIST images, ` +
      'embeddings of an untrained MLP of the audit\'s shape (the cost depends on the shapes), both codes in one process one after the other. ' +
      `Load average (1 min) ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after, on ${os.cpus().length} cores: wall times scale with the load, the ratio less so.` +
      ' "CPU s" is the CPU time of all the process\'s threads (worker threads included) over the similarity stage and the short factors stage after it: on a quiet 2-core machine the wall time is at least half of it (more where the main thread works alone).',
    '',
    '| code | similarity stage s (wall) | ratio to before | CPU s (all threads) | CPU ratio | model-space search | near-duplicate candidates | samples with near-duplicates |',
    '|---|---|---|---|---|---|---|---|',
    ...results.map(row),
  ].join('\n');
}
