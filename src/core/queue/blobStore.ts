import * as crypto from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { DATA_TTL_SECONDS, keys } from './keys';

/** Chunks stay well under Redis's 512 MB value limit and keep each round trip short. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

/** Write `body` as chunks under `chunkKey(i)`, each with the data TTL. */
export async function writeChunks(redis: Redis, chunkKey: (i: number) => string, body: Buffer): Promise<number> {
  const chunks = Math.max(1, Math.ceil(body.length / CHUNK_BYTES));
  for (let i = 0; i < chunks; i++) await redis.set(chunkKey(i), body.subarray(i * CHUNK_BYTES, (i + 1) * CHUNK_BYTES), 'EX', DATA_TTL_SECONDS);
  return chunks;
}

/** Refresh the TTL of a meta key and its chunks; false if any of them is gone. */
export async function refreshChunks(redis: Redis, metaKey: string, chunkKey: (i: number) => string, chunks: number): Promise<boolean> {
  const refresh = redis.multi().expire(metaKey, DATA_TTL_SECONDS);
  for (let i = 0; i < chunks; i++) refresh.expire(chunkKey(i), DATA_TTL_SECONDS);
  const answers = (await refresh.exec()) ?? [];
  return answers.every(([err, ok]) => !err && ok === 1);
}

/** Read `chunks` chunks back into one buffer; throws naming the missing chunk. */
export async function readChunks(redis: Redis, chunkKey: (i: number) => string, chunks: number, what: string): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (let i = 0; i < chunks; i++) {
    const part = await redis.getBuffer(chunkKey(i));
    if (!part) throw new Error(`${what}: chunk ${i} of ${chunks} is missing`);
    parts.push(part);
  }
  return Buffer.concat(parts);
}

const BlobMetaSchema = z.strictObject({ bytes: z.number().int().min(0), chunks: z.number().int().positive() });

export function blobHash(body: Buffer): string {
  return crypto.createHash('sha256').update(body).digest('hex');
}

/**
 * Any bytes a job needs besides the dataset (a model's weights and its splits, a data file), stored
 * once per sha-256 like the dataset: chunked binary keys with a TTL, the meta key written last.
 */
export async function publishBlob(redis: Redis, body: Buffer): Promise<string> {
  const hash = blobHash(body);
  const existing = await redis.get(keys.blobMeta(hash));
  const chunkKey = (i: number) => keys.blobChunk(hash, i);
  if (existing && (await refreshChunks(redis, keys.blobMeta(hash), chunkKey, BlobMetaSchema.parse(JSON.parse(existing)).chunks))) return hash;
  const chunks = await writeChunks(redis, chunkKey, body);
  await redis.set(keys.blobMeta(hash), JSON.stringify({ bytes: body.length, chunks }), 'EX', DATA_TTL_SECONDS);
  return hash;
}

/** Download a blob and check it against its hash; throws if missing, expired or corrupt. */
export async function fetchBlob(redis: Redis, hash: string): Promise<Buffer> {
  const what = `blob ${hash.slice(0, 12)}`;
  const metaText = await redis.get(keys.blobMeta(hash));
  if (!metaText) throw new Error(`${what} is not on the queue (expired, or Redis lost it)`);
  const meta = BlobMetaSchema.parse(JSON.parse(metaText));
  const body = await readChunks(redis, (i) => keys.blobChunk(hash, i), meta.chunks, what);
  if (body.length !== meta.bytes) throw new Error(`${what}: ${body.length} bytes downloaded, expected ${meta.bytes}`);
  const actual = blobHash(body);
  if (actual !== hash) throw new Error(`${what}: downloaded bytes hash to ${actual.slice(0, 12)}; refusing to use them`);
  return body;
}
