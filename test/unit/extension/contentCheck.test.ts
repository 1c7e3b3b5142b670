import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import { loadDataset } from '../../../src/core/data/load';
import { checkContent } from '../../../src/extension/logic/contentCheck';
import { writeIrisCsv } from '../../helpers/iris';
import { tempDir } from '../../helpers/tempFiles';

// The check after a save: an edit kept on disk leaves the result stale and the log line says so
// with the new content's hash; the audited content saved back makes it current again.
const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

test('a saved edit is stale, with both hashes; the audited content back is current', async () => {
  const file = writeIrisCsv(tempDir());
  const audited = (await loadDataset(file)).dataset.sha256;
  const original = fs.readFileSync(file, 'utf8');
  const lines = original.split('\n');
  lines[5] = lines[5].replace(/^[\d.]+/, (v) => `${v}0`);
  fs.writeFileSync(file, lines.join('\n'));

  const edited = await checkContent(file, audited);
  assert.equal(edited.stale, true);
  assert.match(edited.line, /^iris\.csv changed on disk: its content differs from the audited one/);
  assert.ok(edited.line.includes(`sha256 ${sha256(file).slice(0, 12)}…, audited ${audited.slice(0, 12)}…`), edited.line);
  assert.match(edited.line, /the result is stale/);

  fs.writeFileSync(file, original);
  const restored = await checkContent(file, audited);
  assert.equal(restored.stale, false);
  assert.equal(restored.line, `iris.csv changed on disk: its content is the audited one (sha256 ${audited.slice(0, 12)}…): the result is current`);
});

test('a dataset deleted since the audit is stale, and the line says it could not be read', async () => {
  const file = writeIrisCsv(tempDir());
  const audited = (await loadDataset(file)).dataset.sha256;
  fs.rmSync(file);
  const gone = await checkContent(file, audited);
  assert.equal(gone.stale, true);
  assert.match(gone.line, /^iris\.csv changed on disk and could not be read \(.*iris\.csv: no such file.*\): the result is stale$/);
});
