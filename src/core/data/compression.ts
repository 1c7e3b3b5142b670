import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import { InputError } from '../errors';

export { compressionOf } from './compressionName';
export type { Compression } from './compressionName';
import type { Compression } from './compressionName';

const CHUNK = 1 << 20;

/** The file's bytes, decompressed as its name says, in chunks of about a megabyte. */
export async function* byteChunks(file: string, compression: Compression): AsyncGenerator<Buffer> {
  const input = fs.createReadStream(file, { highWaterMark: CHUNK });
  try {
    if (compression === 'none') yield* input as AsyncIterable<Buffer>;
    else if (compression === 'gzip') yield* gunzip(file, input);
    else yield* unzstd(file, input);
  } finally {
    input.destroy();
  }
}

async function* gunzip(file: string, input: fs.ReadStream): AsyncGenerator<Buffer> {
  const inflate = zlib.createGunzip({ chunkSize: CHUNK });
  input.pipe(inflate);
  try {
    for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
  } catch (err) {
    throw new InputError(`not valid gzip data (${(err as Error).message})`, file);
  } finally {
    inflate.destroy();
  }
}

async function* unzstd(file: string, input: fs.ReadStream): AsyncGenerator<Buffer> {
  const out: Buffer[] = [];
  const stream = new Decompress((data) => out.push(Buffer.from(data.buffer, data.byteOffset, data.byteLength)));
  const push = (chunk: Uint8Array, final: boolean) => {
    try {
      stream.push(chunk, final);
    } catch (err) {
      throw new InputError(`not valid zstd data (${(err as Error).message})`, file);
    }
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    push(chunk, false);
    // fzstd may reuse its output window: copy before the next push.
    for (const piece of out.splice(0)) yield Buffer.from(piece);
  }
  push(new Uint8Array(0), true);
  for (const piece of out.splice(0)) yield Buffer.from(piece);
}
