import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkIndexEntries, parseIndex } from '../../../src/extension/logic/resultIndex';
import { OutsideWorkspaceError, isInside, requireInside, resolveSampleSources } from '../../../src/extension/logic/trustBoundary';
import { DIGITS_CSV } from '../../helpers/digits';
import { tempDir, writeFile } from '../../helpers/tempFiles';

// A workspace with the real digits CSV and an image folder, and a "secret" file beside it, outside.
const root = fs.realpathSync(tempDir());
const workspace = path.join(root, 'workspace');
const secret = writeFile(root, 'outside/credentials', 'aws_secret_access_key=not-a-real-one\n');
const dataset = path.join(workspace, 'data', 'digits.csv');
fs.mkdirSync(path.dirname(dataset), { recursive: true });
fs.copyFileSync(DIGITS_CSV, dataset);
const images = path.join(workspace, 'images');
writeFile(images, 'zero/a.png', 'png');
fs.symlinkSync(secret, path.join(images, 'zero', 'b.png'));
fs.symlinkSync(path.dirname(secret), path.join(workspace, 'linked-out'));

const rows = (...files: string[]) => files.map((file, i) => ({ id: `d${i}`, source: { file } }));

test('isInside: the folder itself and below, never a sibling that shares a prefix', () => {
  assert.ok(isInside('/ws', '/ws'));
  assert.ok(isInside('/ws/a/b.csv', '/ws'));
  assert.ok(!isInside('/ws2/a.csv', '/ws'));
  assert.ok(!isInside('/etc/passwd', '/ws'));
  assert.ok(!isInside('/ws/../etc', '/ws/x'));
});

test("a table's samples resolve to the dataset file itself; every escape is refused naming the sample", () => {
  const sources = resolveSampleSources(rows('digits.csv', 'digits.csv'), dataset, 'audit.json');
  assert.deepEqual([...sources.values()], [dataset, dataset]);
  const escapes: Array<[string, RegExp]> = [
    [secret, /sample "d0" points at .*credentials, outside its dataset .*digits\.csv/],
    ['../../outside/credentials', /sample "d0" points at \.\.\/\.\.\/outside\/credentials/],
    ['other.csv', /outside its dataset/],
    ['../linked-out/credentials', /really .*outside\/credentials/],
  ];
  for (const [file, message] of escapes) {
    assert.throws(() => resolveSampleSources(rows(file), dataset, 'audit.json'), (err: Error) => err instanceof OutsideWorkspaceError && message.test(err.message), file);
  }
});

test('an image folder: files below it are accepted, a symlink inside it that points out is refused', () => {
  const ok = resolveSampleSources(rows('images/zero/a.png'), images, 'audit.json');
  assert.equal(ok.get('d0'), path.join(images, 'zero', 'a.png'));
  assert.throws(() => resolveSampleSources(rows('images/zero/a.png', 'images/zero/b.png'), images, 'audit.json'), /sample "d1" points at images\/zero\/b\.png \(really .*outside\/credentials\)/);
  assert.throws(() => resolveSampleSources(rows('data/digits.csv'), images, 'audit.json'), /sample "d0" .*outside its dataset/);
});

test('requireInside resolves symlinks before the check and says why it refuses', () => {
  assert.equal(requireInside(dataset, [workspace], 'dataset'), dataset);
  assert.throws(() => requireInside(path.join(workspace, 'linked-out', 'credentials'), [workspace], 'dataset'), /dataset .*linked-out\/credentials \(really .*outside\/credentials\) is refused: it is outside the workspace folder/);
  assert.throws(() => requireInside(path.join(workspace, 'linked-out', 'not-yet'), [workspace], 'result folder'), /really .*outside\/not-yet/);
  assert.throws(() => requireInside(dataset, [], 'dataset'), /no workspace folder is open/);
});

test('index.json: entries naming folders outside the workspace are refused, the others resolved', () => {
  const text = JSON.stringify({
    [dataset]: { dir: '.forgetlens/digits.csv-1' },
    '../outside/credentials': { dir: '.forgetlens/x' },
    [path.join(workspace, 'images')]: { dir: path.dirname(secret) },
    'linked-out/credentials': { dir: '.forgetlens/y' },
  });
  const { accepted, refused } = checkIndexEntries(parseIndex(text, 'index.json'), workspace, [workspace]);
  assert.deepEqual(accepted, [{ datasetPath: dataset, dir: path.join(workspace, '.forgetlens', 'digits.csv-1') }]);
  assert.equal(refused.length, 3);
  assert.match(refused[0], /index\.json: dataset .*outside\/credentials is refused/);
  assert.match(refused[1], /index\.json: result folder .*outside is refused/);
  assert.match(refused[2], /really .*outside\/credentials/);
});

test('index.json that is not an index gives an error naming the file and the problem', () => {
  assert.throws(() => parseIndex('{', '/ws/.forgetlens/index.json'), /\/ws\/\.forgetlens\/index\.json: not JSON/);
  assert.throws(() => parseIndex('{"a.csv": {"dir": 3}}', 'index.json'), /index\.json: at a\.csv\.dir: /);
  assert.throws(() => parseIndex('[1]', 'index.json'), /index\.json: /);
});
