import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as zlib from 'node:zlib';
import { datasetLabelChoice } from '../../../src/extension/logic/datasetColumns';
import { writeParquet } from '../../helpers/parquetFiles';
import { readFashion } from '../../helpers/plantedImages';
import { toDelimited, wineTable } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const zstd = (data: Buffer) => {
  const run = spawnSync('zstd', ['-q', '-c'], { input: data, maxBuffer: 64 << 20 });
  assert.equal(run.status, 0, `zstd (Debian package zstd) is needed to build the test file: ${run.stderr}`);
  return run.stdout;
};

// Wine with its class column named as a spreadsheet might: nothing says "label".
const wine = wineTable();
wine.header[wine.header.length - 1] = 'cultivar';

test('compressed and Parquet tables offer their own columns as label candidates, like the plain CSV', async () => {
  const plain = await datasetLabelChoice(writeFile(dir, 'wine.csv', toDelimited(wine)));
  assert.equal(plain?.inferred, undefined);
  assert.equal(plain?.candidates[0], 'cultivar');
  assert.equal(plain?.candidates.length, 14);
  const jsonl = wine.rows.map((r) => JSON.stringify(Object.fromEntries(wine.header.map((h, i) => [h, Number(r[i])])))).join('\n');
  const files = [
    writeFile(dir, 'wine.csv.gz', zlib.gzipSync(toDelimited(wine))),
    writeFile(dir, 'wine.tsv.zst', zstd(Buffer.from(toDelimited(wine, '\t')))),
    writeFile(dir, 'wine.jsonl.gz', zlib.gzipSync(jsonl)),
    writeFile(dir, 'wine.ndjson.zst', zstd(Buffer.from(jsonl))),
  ];
  const parquet = `${dir}/wine.parquet`;
  await writeParquet(parquet, { columnData: wine.header.map((name, c) => ({ name, data: wine.rows.map((r) => Number(r[c])), type: 'DOUBLE' })) });
  for (const file of [...files, parquet]) assert.deepEqual(await datasetLabelChoice(file), plain, file);
});

test('a compressed file far larger than the bytes read still gives its header; a named label column needs no question', async () => {
  // Kaggle's Fashion-MNIST CSV layout (label first), 2000 images: megabytes even compressed.
  const rows = readFashion(2000).map(({ image, label }) => [label, ...image.pixels].join(','));
  const csv = [['label', ...Array.from({ length: 784 }, (_, i) => `pixel${i + 1}`)].join(','), ...rows].join('\n');
  for (const [name, bytes] of [['fashion.csv.gz', zlib.gzipSync(csv)], ['fashion.csv.zst', zstd(Buffer.from(csv))]] as const) {
    assert.ok(bytes.length > 1_000_000, `${name} is only ${bytes.length} bytes`);
    const choice = await datasetLabelChoice(writeFile(dir, name, bytes));
    assert.equal(choice?.inferred, 'label', name);
    assert.equal(choice?.candidates.length, 785, name);
  }
});

test('folders and files that are not tables ask nothing; a corrupt .gz is left for the audit to report', async () => {
  fs.mkdirSync(`${dir}/images`);
  assert.equal(await datasetLabelChoice(`${dir}/images`), undefined);
  assert.equal(await datasetLabelChoice(writeFile(dir, 'notes.md', '# notes\n')), undefined);
  assert.deepEqual(await datasetLabelChoice(writeFile(dir, 'broken.csv.gz', 'label,a\n1,2\n')), { inferred: undefined, candidates: [] });
});
