import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Queue } from 'bullmq';
import { AuditReport, validateAuditReport } from '../../src/core/report/auditSchema';
import { PREFIX, QUEUE_NAME } from '../../src/core/queue/keys';
import { parseQueueUrl } from '../../src/core/queue/connection';
import { sizeArchitecture } from '../../src/core/model/mlp';
import { HostData, trainSubsetModelsInParallel } from '../../src/core/model/parallelSubsetModels';
import { randomSubsets } from '../../src/core/model/subsetModels';
import { trainSubsetModelsOnQueue } from '../../src/core/queue/coordinator';
import { runCli } from '../helpers/cli';
import { spawnCli } from '../helpers/cliProcess';
import { DIGITS_CSV, readDigits } from '../helpers/digits';
import { TestRedis, WorkerProcess, startRedis, startWorker, waitFor } from '../helpers/redisServer';
import { tempDir } from '../helpers/tempFiles';

// Real redis-server on loopback, real `forgetlens worker` processes, real digits. Small K and few
// epochs keep each run to seconds; what is checked does not depend on the model's quality.
const dir = tempDir();
const K = ['--mode', 'thorough', '--k', '4', '--epochs', '4'];
const LOCK = ['--lock-seconds', '2'];
const redisServers: TestRedis[] = [];
const workers: WorkerProcess[] = [];

async function redis(options = {}): Promise<TestRedis> {
  const server = await startRedis(options);
  redisServers.push(server);
  return server;
}

function worker(url: string, env: NodeJS.ProcessEnv = {}): WorkerProcess {
  const w = startWorker(url, LOCK, env);
  workers.push(w);
  return w;
}

function readReport(out: string): AuditReport {
  return validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, out, 'audit.json'), 'utf8')));
}

const localReports = new Map<number, AuditReport>();
function localReport(seed: number): AuditReport {
  if (!localReports.has(seed)) {
    const run = runCli(['audit', DIGITS_CSV, ...K, '--seed', String(seed), '--out', `local-${seed}`], dir);
    assert.equal(run.status, 0, run.stderr);
    localReports.set(seed, readReport(`local-${seed}`));
  }
  return localReports.get(seed)!;
}

/** The report minus when it was made and how long the phases took. */
function comparable(report: AuditReport) {
  const { createdAt, timings, ...rest } = report;
  void createdAt;
  void timings;
  return rest;
}

function trainedModels(w: WorkerProcess): string[] {
  return [...w.log().matchAll(/model (\d+) of run (\w+) done/g)].map((m) => `${m[2]}:${m[1]}`);
}

before(() => {
  localReport(0);
});

after(async () => {
  await Promise.all(workers.map((w) => w.stop().catch(() => undefined)));
  await Promise.all(redisServers.map((r) => r.stop()));
});

test('queue: every per-sample score of every model is bit for bit the local one, whichever worker trained it', async () => {
  const rows = readDigits();
  const host: HostData = { X: Float32Array.from(rows.flatMap((r) => r.pixels.map((v) => v / 16))), y: Int32Array.from(rows, (r) => r.label), numFeatures: 64, numClasses: 10 };
  const subsets = randomSubsets(host.y, Int32Array.from(host.y.keys()), 4, 0.7, 3);
  const arch = sizeArchitecture(64, 10);
  const train = { epochs: 3, batchSize: 64, learningRate: 0.002 };
  const local = await trainSubsetModelsInParallel(host, arch, subsets, train, 3, { workers: 2, backend: 'auto' }, () => undefined);
  const server = await redis();
  const fleet = [worker(server.url), worker(server.url)];
  const seen: number[] = [];
  const queued = await trainSubsetModelsOnQueue(host, arch, subsets, train, 3, { url: server.url, backend: 'auto', onProgress: (p) => seen.push(p.done) });
  for (let k = 0; k < 4; k++) {
    assert.ok(Buffer.from(queued[k].pTrue.buffer).equals(Buffer.from(local[k].pTrue.buffer)), `model ${k}: p(y|x) differs`);
    assert.deepEqual(queued[k].correct, local[k].correct, `model ${k}: correctness differs`);
    assert.deepEqual(queued[k].member, local[k].member);
  }
  assert.equal(seen.at(-1), 4);
  assert.equal(fleet.map(trainedModels).flat().length, 4, 'each model trained once');
});

test('queue: two runs at once on one queue, each equal to its local run (same dataset, other seed), with fleet progress', async () => {
  const server = await redis();
  worker(server.url);
  worker(server.url);
  const a = spawnCli(['audit', DIGITS_CSV, ...K, '--seed', '0', '--out', 'q-a', '--queue', server.url], dir);
  const b = spawnCli(['audit', DIGITS_CSV, ...K, '--seed', '1', '--out', 'q-b', '--queue', server.url], dir);
  const [ra, rb] = await Promise.all([a.done, b.done]);
  assert.equal(ra.status, 0, ra.stderr);
  assert.equal(rb.status, 0, rb.stderr);
  assert.match(ra.stderr, /subsample-models: 4\/4 models on the queue · 2 workers seen/);
  assert.deepEqual(comparable(readReport('q-a')), comparable(localReport(0)));
  assert.deepEqual(comparable(readReport('q-b')), comparable(localReport(1)));
  assert.notDeepEqual(readReport('q-a').samples, readReport('q-b').samples, 'the two seeds must give different scores');
});

test('queue: a worker killed with -9 mid-job; its job is retried on another worker, the report is identical', async () => {
  const server = await redis();
  const doomed = worker(server.url);
  const run = spawnCli(['audit', DIGITS_CSV, ...K, '--seed', '0', '--out', 'q-kill', '--queue', server.url], dir);
  await doomed.startedJob();
  doomed.child.kill('SIGKILL');
  const rescuer = worker(server.url);
  const result = await run.done;
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(trainedModels(doomed), [], 'the killed worker finished nothing');
  assert.equal(new Set(trainedModels(rescuer)).size, 4, rescuer.log());
  assert.match(rescuer.log(), /took model 0 of/, 'the killed worker’s job (model 0 first) was taken over');
  assert.deepEqual(comparable(readReport('q-kill')), comparable(localReport(0)));
});

test('queue: the coordinator killed, then the same command rerun, reuses the finished models and writes the same report', async () => {
  const server = await redis();
  const w = worker(server.url);
  const args = ['audit', DIGITS_CSV, ...K, '--seed', '0', '--out', 'q-resume', '--queue', server.url];
  const first = spawnCli(args, dir);
  await waitFor(() => trainedModels(w).length >= 2, 60_000, () => w.log());
  first.child.kill('SIGKILL');
  await first.done;
  assert.equal(fs.existsSync(path.join(dir, 'q-resume')), false);
  const second = await spawnCli(args, dir).done;
  assert.equal(second.status, 0, second.stderr);
  const trained = trainedModels(w);
  assert.equal(trained.length, 4, `each model trained exactly once across both runs: ${trained.join(' ')}`);
  assert.equal(new Set(trained).size, 4);
  assert.deepEqual(comparable(readReport('q-resume')), comparable(localReport(0)));
});

test('queue: Redis restarted mid-run (all its data lost): the run resumes and the report equals the local one', async () => {
  const server = await redis();
  const w = worker(server.url);
  const run = spawnCli(['audit', DIGITS_CSV, ...K, '--seed', '0', '--out', 'q-restart', '--queue', server.url], dir);
  await waitFor(() => trainedModels(w).length >= 1, 60_000, () => w.log());
  await server.restart();
  const result = await run.done;
  // The other allowed outcome, a clear error and no report, is not what happens: the coordinator
  // republishes the dataset and re-queues the jobs Redis lost, so the run must finish, and right.
  assert.equal(result.status, 0, result.stderr);
  assert.deepEqual(comparable(readReport('q-restart')), comparable(localReport(0)));
});

test('queue: cancel (SIGINT) removes the run’s remaining jobs, stops the current one and writes nothing', async () => {
  const server = await redis();
  const w = worker(server.url);
  const run = spawnCli(['audit', DIGITS_CSV, '--mode', 'thorough', '--k', '6', '--epochs', '40', '--seed', '5', '--out', 'q-cancel', '--queue', server.url], dir);
  await w.startedJob();
  run.child.kill('SIGINT');
  const result = await run.done;
  assert.equal(result.status, 1, result.stderr);
  assert.match(result.stderr, /cancelled; nothing was written/);
  assert.equal(fs.existsSync(path.join(dir, 'q-cancel')), false);
  await waitFor(() => /failed: the run was cancelled/.test(w.log()), 10_000, () => `the worker did not stop its job: ${w.log()}`);
  const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(server.url).options, prefix: PREFIX });
  try {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    assert.deepEqual(counts, { waiting: 0, delayed: 0, active: 0, prioritized: 0 });
  } finally {
    await queue.close();
  }
  assert.deepEqual(trainedModels(w), [], 'no model of the cancelled run was finished');
});

test('queue: rediss:// (TLS, self-signed CA) with a password in the URL; a wrong password fails clearly', async () => {
  const password = 'p@ss:w/rd %1';
  const server = await redis({ password, tlsDir: dir });
  assert.match(server.url, /^rediss:\/\//);
  const env = { NODE_EXTRA_CA_CERTS: server.caFile! };
  worker(server.url, env);
  const ok = await spawnCli(['audit', DIGITS_CSV, '--mode', 'thorough', '--k', '2', '--epochs', '2', '--out', 'q-tls', '--queue', server.url], dir, env).done;
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stderr, /2\/2 models on the queue · 1 worker seen/);
  const wrong = server.url.replace(encodeURIComponent(password), 'nope');
  const bad = await spawnCli(['audit', DIGITS_CSV, '--mode', 'thorough', '--k', '2', '--epochs', '2', '--out', 'q-tls-bad', '--queue', wrong], dir, env).done;
  assert.equal(bad.status, 1, bad.stderr);
  assert.match(bad.stderr, /rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+.*(WRONGPASS|password)/);
  assert.doesNotMatch(bad.stderr, /nope/, 'the password is never printed');
  assert.equal(fs.existsSync(path.join(dir, 'q-tls-bad')), false);
});

test('queue: a worker fails jobs that are not ForgetLens jobs or whose payload breaks the schema, without running them', async () => {
  const server = await redis();
  const w = worker(server.url);
  await waitFor(() => /2 at a time|1 at a time/.test(w.log()), 30_000, () => w.log());
  const queue = new Queue(QUEUE_NAME, { connection: parseQueueUrl(server.url).options, prefix: PREFIX });
  try {
    const foreign = await queue.add('shell.exec', { command: 'rm -rf /' });
    const malformed = await queue.add('forgetlens.subset-model', { v: 1, k: -1, extra: 'x' });
    await waitFor(() => (w.log().match(/failed:/g) ?? []).length >= 2, 20_000, () => w.log());
    const a = await queue.getJob(foreign.id!);
    const b = await queue.getJob(malformed.id!);
    assert.equal(await a!.getState(), 'failed');
    assert.match(a!.failedReason, /"shell\.exec" is not a ForgetLens job type/);
    assert.equal(a!.attemptsMade, 1);
    assert.equal(await b!.getState(), 'failed');
    assert.match(b!.failedReason, /invalid ForgetLens job payload: /);
  } finally {
    await queue.close();
  }
});

test('queue: forget --queue trains the retrained reference models on the queue; verdicts and evidence equal the local run', async () => {
  const server = await redis();
  const w = worker(server.url);
  fs.writeFileSync(path.join(dir, 'request.txt'), 'd5\nd17\nd100\n');
  const args = ['forget', DIGITS_CSV, '--forget', 'request.txt', '--algorithms', 'finetune', '--retrain-seeds', '2', '--epochs', '3'];
  const local = runCli([...args, '--out', 'forget-local'], dir);
  assert.equal(local.status, 0, local.stderr);
  const queued = await spawnCli([...args, '--out', 'forget-queued', '--queue', server.url], dir).done;
  assert.equal(queued.status, 0, queued.stderr);
  assert.equal(trainedModels(w).length, 2, 'both retrains ran on the worker');
  const read = (out: string) => JSON.parse(fs.readFileSync(path.join(dir, out, 'forget-audit.json'), 'utf8'));
  const [a, b] = [read('forget-queued'), read('forget-local')];
  assert.deepEqual(a.samples, b.samples);
  const { seconds: sa, ...retrainA } = a.retrain;
  const { seconds: sb, ...retrainB } = b.retrain;
  void sa;
  void sb;
  assert.deepEqual(retrainA, retrainB);
});

test('queue: a bad --queue URL is refused before anything runs (exit 2), the password not echoed', () => {
  const worker = runCli(['worker', '--queue', 'http://:hunter2@127.0.0.1:6379'], dir);
  assert.equal(worker.status, 2, worker.stderr);
  assert.match(worker.stderr, /--queue http:\/\/:\*\*\*@127\.0\.0\.1:6379: the scheme must be redis:\/\/ or rediss:\/\/ \(TLS\)/);
  assert.doesNotMatch(worker.stderr, /hunter2/);
  const audit = runCli(['audit', DIGITS_CSV, '--mode', 'thorough', '--queue', 'redis://127.0.0.1:6379/db'], dir);
  assert.equal(audit.status, 2, audit.stderr);
  assert.match(audit.stderr, /the database number "db" is not a whole number/);
});
