import * as crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { HostData } from '../model/parallelSubsetModels';
import { DATA_TTL_SECONDS, keys } from './keys';

/** Chunks stay well under Redis's 512 MB value limit and keep each round trip short. */
const CHUNK_BYTES = 4 * 1024 * 1024;

const MetaSchema = z.strictObject({
  n: z.number().int().positive(),
  numFeatures: z.number().int().positive(),
  numClasses: z.number().int().min(2),
  bytes: z.number().int().positive(),
  chunks: z.number().int().positive(),
});

/** The layout workers download: header-free X (Float32, row-major) then y (Int32), little-endian. */
function serialize(host: HostData): Buffer {
  return Buffer.concat([bytesOf(host.X), bytesOf(host.y)]);
}

function bytesOf(array: Float32Array | Int32Array): Buffer {
  return Buffer.from(array.buffer, array.byteOffset, array.byteLength);
}

/** sha-256 of the shape and the bytes: the dataset's name on the queue. */
export function datasetHash(host: HostData): string {
  const hash = crypto.createHash('sha256');
  hash.update(`forgetlens-dataset-v1 ${host.y.length} ${host.numFeatures} ${host.numClasses}\n`);
  hash.update(bytesOf(host.X));
  hash.update(bytesOf(host.y));
  return hash.digest('hex');
}

/**
 * Publish the dataset once per content hash as chunked binary keys with a TTL. The meta key is
 * written last, so a worker that sees it sees every chunk; a second run only refreshes the TTLs.
 */
export async function publishDataset(redis: Redis, hash: string, host: HostData): Promise<{ bytes: number; chunks: number; uploaded: boolean }> {
  const existing = await redis.get(keys.datasetMeta(hash));
  const bytes = host.X.byteLength + host.y.byteLength;
  const chunks = Math.ceil(bytes / CHUNK_BYTES);
  if (existing) {
    const refresh = redis.multi().expire(keys.datasetMeta(hash), DATA_TTL_SECONDS);
    for (let i = 0; i < chunks; i++) refresh.expire(keys.datasetChunk(hash, i), DATA_TTL_SECONDS);
    const answers = (await refresh.exec()) ?? [];
    if (answers.every(([err, ok]) => !err && ok === 1)) return { bytes, chunks, uploaded: false };
  }
  const body = serialize(host);
  for (let i = 0; i < chunks; i++) {
    await redis.set(keys.datasetChunk(hash, i), body.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES), 'EX', DATA_TTL_SECONDS);
  }
  const meta = { n: host.y.length, numFeatures: host.numFeatures, numClasses: host.numClasses, bytes, chunks };
  await redis.set(keys.datasetMeta(hash), JSON.stringify(meta), 'EX', DATA_TTL_SECONDS);
  return { bytes, chunks, uploaded: true };
}

/** Download a published dataset and check it against its hash; throws if missing, expired or corrupt. */
export async function fetchDataset(redis: Redis, hash: string): Promise<HostData> {
  const metaText = await redis.get(keys.datasetMeta(hash));
  if (!metaText) throw new Error(`dataset ${hash.slice(0, 12)} is not on the queue (expired, or Redis lost it)`);
  const meta = MetaSchema.parse(JSON.parse(metaText));
  if (meta.bytes !== meta.n * (meta.numFeatures + 1) * 4) throw new Error(`dataset ${hash.slice(0, 12)}: meta data size does not match its shape`);
  const parts: Buffer[] = [];
  for (let i = 0; i < meta.chunks; i++) {
    const part = await redis.getBuffer(keys.datasetChunk(hash, i));
    if (!part) throw new Error(`dataset ${hash.slice(0, 12)}: chunk ${i} of ${meta.chunks} is missing`);
    parts.push(part);
  }
  const body = Buffer.concat(parts);
  if (body.length !== meta.bytes) throw new Error(`dataset ${hash.slice(0, 12)}: ${body.length} bytes downloaded, expected ${meta.bytes}`);
  // Copy into fresh, aligned buffers (a Buffer may sit at any offset of a shared pool).
  const xBytes = meta.n * meta.numFeatures * 4;
  const X = new Float32Array(meta.n * meta.numFeatures);
  new Uint8Array(X.buffer).set(body.subarray(0, xBytes));
  const y = new Int32Array(meta.n);
  new Uint8Array(y.buffer).set(body.subarray(xBytes));
  const host: HostData = { X, y, numFeatures: meta.numFeatures, numClasses: meta.numClasses };
  const actual = datasetHash(host);
  if (actual !== hash) throw new Error(`dataset ${hash.slice(0, 12)}: downloaded bytes hash to ${actual.slice(0, 12)}; refusing to train on them`);
  return host;
}
