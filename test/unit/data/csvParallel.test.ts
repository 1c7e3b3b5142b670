// The CSV read by two worker threads (parallelCsv.ts) against the single-threaded reader: the same
// table and encoded dataset, byte for byte, on real data; the same errors with the same file, line
// and column when the bad row is in the second half; and the single-threaded reader whenever a
// part needs the general path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { readDelimited } from '../../../src/core/data/csv';
import { sha256File } from '../../../src/core/data/hash';
import { readDelimitedInParallel } from '../../../src/core/data/parallelCsv';
import { DIGITS_CSV } from '../../helpers/digits';
import { encoded } from '../../helpers/encodedRead';
import { sameInputError } from '../../helpers/sameRejection';
import { FASHION, fashionCsv } from '../../helpers/fashionCsv';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
/** Every file of these tests is read in parallel, whatever its size. */
const ALWAYS = { parallelMinBytes: 0 };

async function assertParallelSame(file: string): Promise<Awaited<ReturnType<typeof readDelimitedInParallel>>> {
  const parallel = await readDelimitedInParallel(file, ',', ALWAYS);
  assert.equal(parallel.singleThreadReason, undefined);
  assert.equal(parallel.sha256, await sha256File(file));
  const single = await readDelimited(file, ',', {});
  const a = encoded(parallel);
  const b = encoded(single);
  assert.equal(a.X, b.X, 'feature matrices differ');
  assert.deepEqual(a, b);
  assert.equal(parallel.fastPathRecords, single.fastPathRecords);
  return parallel;
}

test('Fashion-MNIST (Kaggle CSV, 3000 rows) and digits (id column first, label last): byte-identical to one thread', async () => {
  assert.ok(fs.existsSync(FASHION), `${FASHION} is missing: run scripts/setup-system.sh (Debian dataset-fashion-mnist)`);
  const fashion = await assertParallelSame(writeFile(dir, 'fashion.csv', fashionCsv(3000)));
  assert.equal(fashion.table.ids.length, 3000);
  assert.deepEqual(fashion.table.ids.slice(1499, 1502), ['1500', '1501', '1502']);
  const digits = await assertParallelSame(DIGITS_CSV);
  assert.equal(digits.table.ids.length, 1797);
});

test('CRLF line ends, blank lines in the first half and no line end at the end: the same rows and lines', async () => {
  const lines = fashionCsv(1400).trimEnd().split('\n');
  const withBlanks = [...lines.slice(0, 300), '', '', ...lines.slice(300, 600), '', ...lines.slice(600)];
  const parallel = await assertParallelSame(writeFile(dir, 'fashion-crlf.csv', withBlanks.join('\r\n')));
  assert.equal(parallel.table.ids.length, 1400);
  assert.equal(parallel.table.lines[1399], 1404);
});

function bothReject(file: string): Promise<string> {
  return sameInputError([() => readDelimitedInParallel(file, ',', ALWAYS), () => readDelimited(file, ',', {})]);
}

test('bad input in the second half: the error names the file, the line and the column as on one thread', async () => {
  const lines = fashionCsv(1500).split('\n');
  const word = [...lines];
  word[1400] = word[1400].replace(/,0,/, ',zero,');
  const file = writeFile(dir, 'fashion-word.csv', word.join('\n'));
  const message = await bothReject(file);
  assert.match(message, /not a number in numeric column "pixel\d+"/);
  assert.ok(message.startsWith(`${file}:1401 (column "pixel`), message);
  const short = [...lines];
  short[1200] = short[1200].replace(/,\d+$/, '');
  assert.match(await bothReject(writeFile(dir, 'fashion-short.csv', short.join('\n'))), /fashion-short\.csv:1201: expected 785 fields like the header, found 784/);
  // Both halves bad: the first half's error, as one thread reports the first.
  const both = [...word];
  both[1100] = both[1100].replace(/^\d+,/, ',');
  assert.match(await bothReject(writeFile(dir, 'fashion-two.csv', both.join('\n'))), /fashion-two\.csv:1101 \(column "label"\): missing label/);
});

test('a duplicate id across the halves is reported at its second line, before a later bad row', async () => {
  const lines = fs.readFileSync(DIGITS_CSV, 'utf8').split('\n');
  const copied = [...lines];
  copied[1500] = copied[1500].replace(/^[^,]+,/, `${lines[1100].split(',')[0]},`);
  copied[1700] = copied[1700].replace(/,\d+$/, ',');
  const message = await bothReject(writeFile(dir, 'digits-dup.csv', copied.join('\n')));
  assert.match(message, new RegExp(`digits-dup\\.csv:1501: duplicate id "${lines[1100].split(',')[0]}" on lines 1101 and 1501`));
});

test('a quote or a value that is not a float32 in the second half: read on one thread, identically', async () => {
  const lines = fashionCsv(1500).split('\n');
  const quoted = [...lines];
  quoted[1300] = quoted[1300].replace(/,0,/, ',"0",');
  const q = await readDelimitedInParallel(writeFile(dir, 'fashion-quoted.csv', quoted.join('\n')), ',', ALWAYS);
  assert.match(q.singleThreadReason ?? '', /quote or a byte outside ASCII on line 1301/);
  // Past the first chunks of the stream: the fast path hands over without losing the chunk after the quote.
  assert.equal(q.fastPathRecords, 1300);
  assert.equal(q.table.ids.length, 1500);
  assert.deepEqual(encoded(q), encoded(await readDelimited(q.table.file, ',', { generalPath: true })));
  const decimal = [...lines];
  decimal[1450] = decimal[1450].replace(/,0,/, ',0.1,');
  const d = await readDelimitedInParallel(writeFile(dir, 'fashion-decimal.csv', decimal.join('\n')), ',', ALWAYS);
  assert.equal(d.singleThreadReason, 'values that are not float32');
  assert.deepEqual(encoded(d), encoded(await readDelimited(d.table.file, ',', {})));
});
