import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bitmaskToIndices, indicesToBitmask } from '../../../src/core/queue/bitmask';
import { parseQueueUrl } from '../../../src/core/queue/connection';
import { parseSubsetJob } from '../../../src/core/queue/jobSchema';
import { decodeResult, encodeResult } from '../../../src/core/queue/resultCodec';
import { createRandom } from '../../../src/core/util/random';

test('queue URLs: redis:// and rediss:// with user, password and db; anything else refused with the password hidden', () => {
  const plain = parseQueueUrl('redis://10.0.0.5:6380/2');
  assert.deepEqual(plain.options, { host: '10.0.0.5', port: 6380, db: 2, maxRetriesPerRequest: null });
  const tls = parseQueueUrl('rediss://fleet:p%40ss%3Aword@redis.internal');
  assert.equal(tls.options.password, 'p@ss:word');
  assert.equal(tls.options.username, 'fleet');
  assert.equal(tls.options.port, 6379);
  assert.deepEqual(tls.options.tls, { servername: 'redis.internal' });
  assert.equal(tls.display, 'rediss://fleet:***@redis.internal');
  assert.throws(() => parseQueueUrl('http://:secret@host:80'), (err: Error) => /scheme must be redis:\/\/ or rediss:\/\//.test(err.message) && !err.message.includes('secret'));
  assert.throws(() => parseQueueUrl('redis://host:1/x'), /database number "x"/);
  assert.throws(() => parseQueueUrl('localhost:6379'), /scheme must be|not a URL/);
});

test('membership bitmask: round trip on a random subset; a mask for another size is refused', () => {
  const random = createRandom(7);
  const n = 1001;
  const subset = Int32Array.from({ length: n }, (_, i) => i).filter(() => random() < 0.7);
  const mask = indicesToBitmask(subset, n);
  assert.equal(Buffer.from(mask, 'base64').length, 126);
  assert.deepEqual(bitmaskToIndices(mask, n), subset);
  assert.throws(() => bitmaskToIndices(mask, 2000), /126 bytes, expected 250/);
  assert.throws(() => bitmaskToIndices(indicesToBitmask(Int32Array.of(1003), 1004), 1001), /marks sample 1003/);
});

test('binary results: Float32 per sample exactly, correctness as bits; truncated or foreign buffers refused', () => {
  const random = createRandom(3);
  const n = 37;
  const pTrue = Float32Array.from({ length: n }, () => random());
  const correct = Uint8Array.from({ length: n }, () => (random() < 0.5 ? 1 : 0));
  const body = encodeResult({ pTrue, correct, seconds: 1.25, backend: 'wasm', workerId: 'pod-7' });
  assert.equal(body.length, 16 + 2 + 4 + 2 + 5 + n * 4 + 5);
  const back = decodeResult(body, n);
  assert.ok(Buffer.from(back.pTrue.buffer).equals(Buffer.from(pTrue.buffer)));
  assert.deepEqual(back.correct, correct);
  assert.deepEqual([back.seconds, back.backend, back.workerId], [1.25, 'wasm', 'pod-7']);
  assert.throws(() => decodeResult(body.subarray(0, body.length - 1), n), /bytes, expected/);
  assert.throws(() => decodeResult(body, n + 1), /for 37 samples, this run has 38/);
  assert.throws(() => decodeResult(Buffer.from('not a result at all'), n), /bad header/);
});

test('job payloads: a valid one parses; extra keys, wrong types and bad hashes are refused naming the field', () => {
  const valid = {
    v: 1,
    runId: 'a'.repeat(64),
    datasetHash: 'b'.repeat(64),
    k: 3,
    seed: 12345,
    members: indicesToBitmask(Int32Array.of(0, 2), 3),
    arch: { inputDim: 64, hidden: [64, 32], numClasses: 10 },
    trainOptions: { epochs: 10, batchSize: 64, learningRate: 0.002 },
    backend: 'wasm',
  };
  assert.deepEqual(parseSubsetJob(valid), valid);
  assert.throws(() => parseSubsetJob({ ...valid, command: 'rm -rf /' }), /invalid ForgetLens job payload: .*command|Unrecognized key/);
  assert.throws(() => parseSubsetJob({ ...valid, runId: '../../etc' }), /runId: expected a sha-256 hex digest/);
  assert.throws(() => parseSubsetJob({ ...valid, arch: { ...valid.arch, hidden: [] } }), /arch\.hidden/);
  assert.throws(() => parseSubsetJob({ ...valid, backend: 'native' }), /backend/);
  assert.throws(() => parseSubsetJob({ ...valid, trainOptions: { ...valid.trainOptions, epochs: 1e9 } }), /trainOptions\.epochs/);
});
