// Dictionary indices decoded straight into a strided column, against hyparquet's own decoder of the
// same RLE / bit-packed hybrid bytes, at every bit width the fast path takes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeDictionaryIndices } from '../../../src/core/data/dictionaryIndices';

/** A hybrid stream: runs of one repeated index (RLE) and groups of 8 indices packed `width` bits each, least significant bit first. */
function encodeHybrid(runs: Array<{ repeat: number; count: number } | { packed: number[] }>, width: number): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => {
    for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
    out.push(n);
  };
  for (const run of runs) {
    if ('repeat' in run) {
      varint(run.count * 2);
      for (let k = 0; k < (width + 7) >> 3; k++) out.push(Math.floor(run.repeat / 2 ** (8 * k)) & 0xff);
      continue;
    }
    varint((run.packed.length / 8) * 2 + 1);
    const bytes = new Uint8Array(run.packed.length * width / 8);
    run.packed.forEach((value, i) => {
      for (let b = 0; b < width; b++) if (Math.floor(value / 2 ** b) % 2) bytes[(i * width + b) >> 3] |= 1 << ((i * width + b) & 7);
    });
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

test('indices of 1 to 24 bits, in RLE runs and bit-packed groups, decode as hyparquet decodes them', async () => {
  const { readRleBitPackedHybrid } = await import('hyparquet/src/encoding.js');
  let seed = 7;
  const random = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
  for (let width = 1; width <= 24; width++) {
    const size = Math.min(2 ** width, 5000);
    const dictionary = Float64Array.from({ length: size }, (_, k) => k * 0.5 - 3);
    const runs = [{ packed: Array.from({ length: 24 }, () => random(size)) }, { repeat: size - 1, count: 300 }, { packed: Array.from({ length: 16 }, () => random(size)) }, { repeat: 0, count: 5 }];
    const count = 24 + 300 + 16 + 5;
    const bytes = encodeHybrid(runs, width);
    const expected = new Array<number>(count);
    readRleBitPackedHybrid({ view: new DataView(bytes.buffer), offset: 0 }, width, expected, bytes.length);
    const stride = 3;
    const out = new Float64Array(count * stride).fill(-1);
    writeDictionaryIndices(bytes, 0, bytes.length, width, dictionary, count, out, 1, stride);
    assert.deepEqual(Array.from({ length: count }, (_, i) => out[1 + i * stride]), expected.map((k) => dictionary[k]), `width ${width}`);
    assert.ok(out.every((v, i) => i % stride === 1 || v === -1), `width ${width}: only the column is written`);
  }
});

test('an index past the dictionary and indices that end early are errors', () => {
  const dictionary = Float64Array.from([1, 2, 3]);
  const bytes = encodeHybrid([{ packed: [0, 1, 2, 3, 0, 1, 2, 0] }], 2);
  assert.throws(() => writeDictionaryIndices(bytes, 0, bytes.length, 2, dictionary, 8, new Float64Array(8), 0, 1), /dictionary index 3 is out of range \(3 values\)/);
  const short = encodeHybrid([{ repeat: 1, count: 4 }], 2);
  assert.throws(() => writeDictionaryIndices(short, 0, short.length, 2, dictionary, 10, new Float64Array(10), 0, 1), /dictionary indices end after 4 of 10 values/);
});
