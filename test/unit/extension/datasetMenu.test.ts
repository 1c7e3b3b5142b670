import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));

test('the explorer offers Audit Dataset on every format the reader takes, compressed ones included', () => {
  const entry = manifest.contributes.menus['explorer/context'].find((m: { command: string }) => m.command === 'forgetlens.auditDataset');
  const match = /resourceFilename =~ \/(.+)\/$/.exec(entry.when);
  assert.ok(match, `when clause: ${entry.when}`);
  const pattern = new RegExp(match[1]);
  for (const name of ['a.csv', 'a.tsv', 'a.jsonl', 'b.ndjson', 'a.csv.gz', 'a.jsonl.zst', 'a.tsv.gz', 'train.parquet']) assert.ok(pattern.test(name), name);
  for (const name of ['a.txt', 'a.gz', 'a.csv.bak', 'notes.md']) assert.ok(!pattern.test(name), name);
});
