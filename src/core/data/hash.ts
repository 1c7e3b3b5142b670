import * as crypto from 'node:crypto';
import * as fs from 'node:fs';

/** sha256 of a file's bytes, streamed. */
export async function sha256File(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 over "relative path NUL file sha256" lines of a folder's files, in sorted order. */
export async function sha256Files(root: string, relativePaths: string[]): Promise<string> {
  const hash = crypto.createHash('sha256');
  for (const rel of [...relativePaths].sort()) hash.update(`${rel}\u0000${await sha256File(`${root}/${rel}`)}\n`);
  return hash.digest('hex');
}

/** Short content hash used to find exact duplicate samples. */
export function contentHash(content: string | Uint8Array): string {
  return crypto.createHash('sha1').update(content).digest('hex').slice(0, 20);
}

/**
 * A fast 64-bit hash of a row's cell texts (two 32-bit multiply-xor lanes with a final mix), for
 * exact-duplicate detection inside one table: the chance of any false match among a million rows
 * is about 3e-8, and it is 5-10 times cheaper per row than sha1 of the joined text.
 */
export class RowHasher {
  private h1 = 0;
  private h2 = 0;

  start(): void {
    this.h1 = 0x811c9dc5;
    this.h2 = 0x2545f491;
  }

  add(text: string): void {
    let h1 = this.h1;
    let h2 = this.h2;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    // Cell separator, so that "ab","c" and "a","bc" differ.
    this.h1 = Math.imul(h1 ^ 0x1f, 0x01000193);
    this.h2 = Math.imul(h2 ^ 0x1f, 0x5bd1e995);
  }

  /** Numbers source[start .. start + count), each by its bits, as addNumber would. */
  addNumbers(source: Float64Array, start: number, count: number): void {
    const bits = new Int32Array(source.buffer, source.byteOffset + start * 8, count * 2);
    let h1 = this.h1;
    let h2 = this.h2;
    for (let k = 0; k < bits.length; k += 2) {
      h1 = Math.imul(Math.imul(h1 ^ bits[k], 0x01000193) ^ bits[k + 1], 0x01000193);
      h2 = Math.imul(h2 ^ bits[k], 0x5bd1e995);
      h2 = Math.imul((h2 ^ (h2 >>> 13)) ^ bits[k + 1], 0x5bd1e995);
      h2 ^= h2 >>> 13;
    }
    this.h1 = h1;
    this.h2 = h2;
  }

  /** A number by its bits (NaN for a missing cell). */
  addNumber(value: number): void {
    BITS_F64[0] = value;
    this.h1 = Math.imul(Math.imul(this.h1 ^ BITS_I32[0], 0x01000193) ^ BITS_I32[1], 0x01000193);
    let h2 = Math.imul(this.h2 ^ BITS_I32[0], 0x5bd1e995);
    h2 = Math.imul((h2 ^ (h2 >>> 13)) ^ BITS_I32[1], 0x5bd1e995);
    this.h2 = h2 ^ (h2 >>> 13);
  }

  digest(): string {
    return hex32(fmix32(this.h1 ^ Math.imul(this.h2, 0x9e3779b1))) + hex32(fmix32(this.h2 ^ this.h1));
  }
}

const BITS_F64 = new Float64Array(1);
const BITS_I32 = new Int32Array(BITS_F64.buffer);

function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex32(h: number): string {
  return h.toString(16).padStart(8, '0');
}
