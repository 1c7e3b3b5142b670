import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collect } from '../../calibrate/collect';
import { readConfig } from '../../calibrate/config';
import { fitRows } from '../../calibrate/rows';
import { TestRedis, WorkerProcess, startRedis, startWorker } from '../helpers/redisServer';
import { tempDir } from '../helpers/tempFiles';

// A tiny calibration (iris, one request per kind, one seed, few epochs): what is checked is that the
// queue changes nothing, not the fit's quality.
const TINY = { CAL_DATASETS: 'iris', CAL_PER_KIND: '1', CAL_SIZE: '4', CAL_SEEDS: '0', CAL_ROWS: '90', CAL_EPOCHS: '3', CAL_ALGORITHMS: 'finetune', CAL_RETRAIN_SEEDS: '1', CAL_WRITE: '0' };
const dir = tempDir();
let server: TestRedis | undefined;
const workers: WorkerProcess[] = [];

after(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  await server?.stop();
});

function jobsDone(): number {
  return workers.reduce((n, w) => n + [...w.log().matchAll(/simulated deletion \d+ of run \w+ done/g)].length, 0);
}

test('calibrate with CAL_QUEUE on two workers collects the same rows (targets and features) as a local run, and a rerun reuses its cache', async () => {
  const quiet = () => undefined;
  const localOut = path.join(dir, 'local');
  const local = await collect(readConfig({ ...TINY, CAL_OUT: localOut }), quiet);
  assert.ok(local.outcomes.length >= 3, `only ${local.outcomes.length} simulations`);

  server = await startRedis();
  workers.push(startWorker(server.url, ['--lock-seconds', '2']), startWorker(server.url, ['--lock-seconds', '2']));
  // The same dataset audit as the local run: the queue is what is compared, not two audits.
  const queuedOut = path.join(dir, 'queued');
  fs.cpSync(path.join(localOut, 'audits'), path.join(queuedOut, 'audits'), { recursive: true });
  const queuedConfig = readConfig({ ...TINY, CAL_OUT: queuedOut, CAL_QUEUE: server.url });
  const queued = await collect(queuedConfig, quiet);
  assert.equal(jobsDone(), local.outcomes.length, workers.map((w) => w.log()).join('\n'));

  const rows = fitRows(queued);
  assert.ok(rows.length >= local.outcomes.length * 2);
  assert.deepEqual(rows, fitRows(local));
  // Wall times differ between any two runs; everything else in each cached outcome must not.
  const withoutSeconds = (c: typeof local) => c.outcomes.map((o) => ({ ...o, seconds: undefined, algorithms: o.algorithms.map((a) => ({ ...a, seconds: undefined })) }));
  assert.deepEqual(withoutSeconds(queued), withoutSeconds(local));

  const rerun = await collect(queuedConfig, quiet);
  assert.equal(jobsDone(), local.outcomes.length, 'the rerun sent no job: every simulation came from the cache');
  assert.deepEqual(fitRows(rerun), rows);

  // One cached outcome lost (the middle one): only it goes to the queue, and it lands in its place.
  const lost = local.outcomes[Math.floor(local.outcomes.length / 2)];
  fs.rmSync(path.join(queuedOut, 'requests', `${lost.key}-s${lost.seed}.json`));
  const resumed = await collect(queuedConfig, quiet);
  assert.equal(jobsDone(), local.outcomes.length + 1, 'exactly the missing simulation was sent');
  assert.deepEqual(fitRows(resumed), rows);
});
