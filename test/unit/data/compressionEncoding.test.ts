import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as zlib from 'node:zlib';
import { loadDataset } from '../../../src/core/data/load';
import { InputError } from '../../../src/core/errors';
import { toDelimited, wineTable } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const wine = toDelimited(wineTable());
const zstd = (data: Buffer) => {
  const run = spawnSync('zstd', ['-q', '-c'], { input: data });
  assert.equal(run.status, 0, `zstd (Debian package zstd) is needed to build the test file: ${run.stderr}`);
  return run.stdout;
};

test('gzip and zstd CSV, TSV and JSONL read exactly like the plain file', async () => {
  const plain = await loadDataset(writeFile(dir, 'wine.csv', wine));
  assert.equal(plain.dataset.ids.length, 178);
  assert.equal(plain.dataset.reading?.compression, 'none');
  const tsv = wine.replace(/,/g, '\t');
  const jsonl = wineTable().rows.map((r) => JSON.stringify(Object.fromEntries(wineTable().header.map((h, i) => [h, Number(r[i])])))).join('\n') + '\n';
  const variants: Array<[string, Buffer, string]> = [
    ['wine.csv.gz', zlib.gzipSync(wine), 'gzip'],
    ['wine.csv.zst', zstd(Buffer.from(wine)), 'zstd'],
    ['wine.tsv.gz', zlib.gzipSync(tsv), 'gzip'],
    ['wine.jsonl.zst', zstd(Buffer.from(jsonl)), 'zstd'],
    ['wine.ndjson.gz', zlib.gzipSync(jsonl), 'gzip'],
  ];
  for (const [name, bytes, compression] of variants) {
    const { dataset } = await loadDataset(writeFile(dir, name, bytes));
    assert.equal(dataset.reading?.compression, compression, name);
    assert.deepEqual(dataset.X, plain.dataset.X, name);
    assert.deepEqual(dataset.y, plain.dataset.y, name);
    const headerLines = name.includes('json') ? 1 : 0; // JSONL has no header line
    assert.deepEqual(dataset.sources.map((s) => s.line! + headerLines), plain.dataset.sources.map((s) => s.line), name);
  }
});

test('a corrupt .gz is an InputError naming the file', async () => {
  const file = writeFile(dir, 'broken.csv.gz', zlib.gzipSync(wine).subarray(0, 200));
  await assert.rejects(loadDataset(file), (err: unknown) => err instanceof InputError && err.message.startsWith(file) && /gzip/.test(err.message));
});

test('UTF-16 with a byte-order mark and UTF-8 with one decode to the same table', async () => {
  const text = 'name,x,label\ncafé,1,a\nnaïve,2,b\ncafé,3,a\n';
  const utf8 = await loadDataset(writeFile(dir, 'u8.csv', text));
  const le = await loadDataset(writeFile(dir, 'u16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])));
  const be = Buffer.from(text, 'utf16le').swap16();
  const beSet = await loadDataset(writeFile(dir, 'u16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), be])));
  const bom8 = await loadDataset(writeFile(dir, 'bom8.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
  assert.deepEqual([utf8, le, beSet, bom8].map((d) => d.dataset.reading?.encoding), ['utf-8', 'utf-16le', 'utf-16be', 'utf-8']);
  for (const d of [le, beSet, bom8]) {
    assert.deepEqual(d.dataset.X, utf8.dataset.X);
    assert.deepEqual(d.dataset.previews, utf8.dataset.previews);
  }
  assert.match(utf8.dataset.previews[1], /naïve/);
});

test('a file that is not UTF-8 is read as Latin-1 and the fallback is reported', async () => {
  const file = writeFile(dir, 'latin1.csv', Buffer.from('name,x,label\ncafé,1,a\nMüller,2,b\n', 'latin1'));
  const { dataset } = await loadDataset(file);
  assert.equal(dataset.reading?.encoding, 'latin-1');
  assert.match(dataset.reading!.notes.join(' '), /not valid UTF-8 \(first at line 2\): read as Latin-1/);
  assert.match(dataset.previews[1], /Müller/);
});

test('UTF-8 that breaks after the first megabyte names the line', async () => {
  // 20 000 rows of 80 bytes: the bad byte comes after the first megabyte-sized chunk.
  const rows = Array.from({ length: 20000 }, (_, i) => `${i},0.12345678901234,0.12345678901234,0.12345678901234,0.12345678901234,${i % 2}`).join('\n');
  const bytes = Buffer.concat([Buffer.from(`x,a,b,c,d,label\n${rows}\n`), Buffer.from([0xff, 0x2c, 0x31, 0x2c, 0x31, 0x2c, 0x31, 0x2c, 0x31, 0x2c, 0x31, 0x0a])]);
  const file = writeFile(dir, 'late.csv', bytes);
  await assert.rejects(loadDataset(file), (err: unknown) => err instanceof InputError && err.message.includes(`${file}:20002: not valid UTF-8`));
});
