import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WorkerJob } from '../../../src/extension/workerClient';
import { tempDir, writeFile } from '../../helpers/tempFiles';

// Real child processes standing in for dist/worker.js: each behaves as one way a job can end.
function fakeWorker(body: string): string {
  const root = tempDir();
  writeFile(root, 'dist/worker.js', `process.on('message', (request) => { if (request.type === 'cancel') return; ${body} });\n`);
  return root;
}

const audit = { type: 'audit' as const, dataset: '/nowhere.csv', options: {}, outFile: '/nowhere.json' };

test('a job whose done arrived before the cancel reports done', async () => {
  // Done is sent, then the process lingers (as a worker flushing its last writes would).
  const root = fakeWorker(`process.send({ type: 'progress', event: { phase: 'writing', fraction: 1 } }); process.send({ type: 'done', files: ['/ws/audit.json'] }); setTimeout(() => process.exit(0), 600);`);
  const job: WorkerJob = new WorkerJob(root, audit, () => setTimeout(() => job.cancel(), 150), () => undefined);
  assert.deepEqual(await job.done, { kind: 'done', files: ['/ws/audit.json'] });
});

test('a cancel before done is a cancel, and a worker that ignores it is killed', async () => {
  const root = fakeWorker(`process.send({ type: 'progress', event: { phase: 'training', fraction: 0.1 } }); setInterval(() => undefined, 1000);`);
  const started = Date.now();
  const job: WorkerJob = new WorkerJob(root, audit, () => job.cancel(), () => undefined);
  assert.deepEqual(await job.done, { kind: 'cancelled' });
  assert.ok(Date.now() - started < 5000, 'killed within the grace period');
});

test('a worker that aborts (as on out of memory) fails with a message that says so', async () => {
  const root = fakeWorker(`process.abort();`);
  const outcome = await new WorkerJob(root, audit, () => undefined, () => undefined).done;
  assert.equal(outcome.kind, 'failed');
  assert.match((outcome as { message: string }).message, /worker stopped unexpectedly \(signal SIGABRT: probably out of memory\)/);
});

test('a worker that sends something outside the protocol fails the job with what it sent', async () => {
  const root = fakeWorker(`process.send({ type: 'done', files: 'everything' }); setTimeout(() => process.exit(0), 50);`);
  const lines: string[] = [];
  const outcome = await new WorkerJob(root, audit, () => undefined, (l) => lines.push(l)).done;
  assert.equal(outcome.kind, 'failed');
  assert.match((outcome as { message: string }).message, /the worker sent an unexpected message .*"files":"everything"/);
  assert.ok(lines.some((l) => l.includes('unexpected message')));
});
