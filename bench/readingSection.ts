// "Reading a dataset": MB/s and peak memory of loadDataset on the Kaggle-style Fashion-MNIST CSV
// and the same table as Parquet, each in a process of its own, optionally beside an older checkout.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ROOT } from './benchData';
import { writeFashionCsv, writeFashionParquet } from './fashionTables';
import { fixed, table } from './format';

const GNU_TIME = '/usr/bin/time';

interface ReadRun {
  seconds: number;
  cpuSeconds: number;
  maxRssMB: number | null;
}

/** One loadDataset of `file` with the loader of the checkout at `root`, timed inside the child, peak memory from GNU time. */
function readOnce(root: string, file: string): ReadRun | string {
  const args = ['--import', 'tsx', path.join(__dirname, 'readOnce.ts'), root, file];
  const timed = fs.existsSync(GNU_TIME);
  const result = timed
    ? spawnSync(GNU_TIME, ['-f', 'GNU_TIME %M', process.execPath, ...args], { cwd: ROOT, encoding: 'utf8' })
    : spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    const message = /InputError: (.*)/.exec(result.stderr)?.[1] ?? result.stderr.trim().split('\n')[0];
    return message.replace(file, path.basename(file)).slice(0, 80);
  }
  const out = JSON.parse(result.stdout.trim().split('\n').pop()!) as ReadRun;
  const rss = /GNU_TIME (\d+)/.exec(result.stderr);
  return { ...out, maxRssMB: rss ? Number(rss[1]) / 1024 : null };
}

export async function readingSection(scratch: string, baselineRoot?: string): Promise<string> {
  const csv = path.join(scratch, 'fashion-mnist_train.csv');
  const parquet = path.join(scratch, 'fashion-mnist_train.parquet');
  if (!fs.existsSync(csv)) writeFashionCsv(csv);
  if (!fs.existsSync(parquet)) await writeFashionParquet(parquet);
  const loadBefore = os.loadavg()[0];
  const rows: string[][] = [];
  for (const [label, file] of [['CSV', csv], ['Parquet (snappy, 6 row groups)', parquet]] as const) {
    const mb = fs.statSync(file).size / 1e6;
    const checkouts: Array<[string, string]> = [['this version', ROOT], ...(baselineRoot ? [[`before (${path.basename(baselineRoot)})`, baselineRoot] as [string, string]] : [])];
    for (const [version, root] of checkouts) {
      const run = readOnce(root, file);
      if (typeof run === 'string') rows.push([label, version, mb.toFixed(0), '–', '–', '–', '–', `not read: ${run}`]);
      else rows.push([label, version, mb.toFixed(0), run.seconds.toFixed(1), (mb / run.seconds).toFixed(0), run.cpuSeconds.toFixed(1), (mb / run.cpuSeconds).toFixed(0), fixed(run.maxRssMB, 0)]);
    }
  }
  return (
    '## Reading a dataset\n\n' +
    'Fashion-MNIST training set (60 000 rows, label then 784 pixel columns) as Kaggle ships it, built from Debian\'s IDX files, read by `loadDataset` ' +
    '(decode, parse, type, encode to the feature matrix, sha256 of the file) in a process of its own. MB/s is file MB over wall seconds; ' +
    '"MB per CPU s" over the CPU time of the process, all threads: this version reads both files with two worker threads (src/core/data/parallelCsv.ts, parallelParquet.ts), ' +
    'so on a quiet 2-core machine its wall-clock MB/s can exceed MB per CPU s; "Reading in two threads" below estimates it from CPU seconds per thread. ' +
    `Load average (1 min) before these runs: ${loadBefore.toFixed(1)} on ${os.cpus().length} cores.\n\n` +
    table(['file', 'reader', 'MB', 'seconds', 'MB/s', 'CPU s', 'MB per CPU s', 'peak MB'], rows)
  );
}
