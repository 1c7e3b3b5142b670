// The byte-level CSV path (AsciiTokenizer) against the decoding one (DelimitedTokenizer): the same
// encoded dataset, byte for byte, on real data, and the same errors with the same file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { AsciiTokenizer } from '../../../src/core/data/asciiTokenizer';
import { readDelimited } from '../../../src/core/data/csv';
import { DelimitedTokenizer } from '../../../src/core/data/delimitedTokenizer';
import { DIGITS_CSV } from '../../helpers/digits';
import { FASHION, fashionCsv } from '../../helpers/fashionCsv';
import { toDelimited, wineTable } from '../../helpers/sklearnTables';
import { tempDir, writeFile } from '../../helpers/tempFiles';
import { encoded } from '../../helpers/encodedRead';
import { sameInputError } from '../../helpers/sameRejection';

const dir = tempDir();
async function readBoth(file: string, delimiter: ',' | '\t' = ',') {
  const fast = await readDelimited(file, delimiter, {});
  const general = await readDelimited(file, delimiter, { generalPath: true });
  assert.equal(general.fastPathRecords, 0);
  return { fast, general };
}

function assertSame(fast: Awaited<ReturnType<typeof readDelimited>>, general: Awaited<ReturnType<typeof readDelimited>>) {
  const a = encoded(fast);
  const b = encoded(general);
  assert.equal(a.X, b.X, 'feature matrices differ');
  assert.deepEqual(a, b);
}

test('Fashion-MNIST (Kaggle CSV, 2000 rows over several 1 MB chunks): the fast path reads every record, byte-identical to the general path', async () => {
  assert.ok(fs.existsSync(FASHION), `${FASHION} is missing: run scripts/setup-system.sh (Debian dataset-fashion-mnist)`);
  const file = writeFile(dir, 'fashion.csv', fashionCsv(2000));
  assert.ok(fs.statSync(file).size > 3 * (1 << 20));
  const { fast, general } = await readBoth(file);
  assert.equal(fast.fastPathRecords, 2001);
  assert.equal(fast.table.ids.length, 2000);
  assert.deepEqual(fast.table.lines.slice(0, 3), [2, 3, 4]);
  assertSame(fast, general);
});

test('digits (ids and pixels) and wine (decimals): identical, also as semicolons with decimal commas and as TSV', async () => {
  const digits = await readBoth(DIGITS_CSV);
  assert.equal(digits.fast.fastPathRecords, digits.fast.table.ids.length + 1);
  assertSame(digits.fast, digits.general);
  const wine = wineTable();
  const dots = await readBoth(writeFile(dir, 'wine.csv', toDelimited(wine)));
  assertSame(dots.fast, dots.general);
  const commas = await readBoth(writeFile(dir, 'wine-eu.csv', toDelimited(wine, ';', ',')));
  assert.equal(commas.fast.reading.decimalMark, ',');
  assert.equal(commas.fast.fastPathRecords, wine.rows.length + 1);
  assertSame(commas.fast, commas.general);
  // The same numbers as the file written with decimal points.
  assert.equal(encoded(commas.fast).X, encoded(dots.fast).X);
  const tabs = await readBoth(writeFile(dir, 'wine.tsv', toDelimited(wine, '\t')), '\t');
  assert.equal(tabs.fast.fastPathRecords, wine.rows.length + 1);
  assertSame(tabs.fast, tabs.general);
  assert.equal(encoded(tabs.fast).X, encoded(dots.fast).X);
});

test('a quoted field or a non-ASCII byte mid-file hands over to the general path: identical, lines kept', async () => {
  const wine = wineTable();
  const named = { header: [...wine.header.slice(0, -1), 'origin', 'label'], rows: wine.rows.map((r, i) => [...r.slice(0, -1), i % 3 ? 'north' : 'south', r[r.length - 1]]) };
  const quoted = toDelimited(named).split('\n');
  quoted[120] = quoted[120].replace('north', '"north, coast"');
  const q = await readBoth(writeFile(dir, 'wine-quoted.csv', quoted.join('\r\n')));
  assert.equal(q.fast.fastPathRecords, 120);
  assert.equal(q.fast.table.lines[150], 152);
  assertSame(q.fast, q.general);
  const accented = toDelimited(named).replace(/south/g, (m, at: number) => (at > 9000 ? 'süd' : m));
  const a = await readBoth(writeFile(dir, 'wine-utf8.csv', accented));
  assert.ok(a.fast.fastPathRecords > 1 && a.fast.fastPathRecords < wine.rows.length);
  assertSame(a.fast, a.general);
  const latin1 = await readBoth(writeFile(dir, 'wine-latin1.csv', Buffer.from(accented, 'latin1')));
  assert.equal(latin1.fast.reading.encoding, 'latin-1');
  assertSame(latin1.fast, latin1.general);
});

async function bothReject(file: string, pattern: RegExp): Promise<string> {
  const message = await sameInputError([false, true].map((generalPath) => () => readDelimited(file, ',', { generalPath })));
  assert.match(message, pattern);
  return message;
}

test('bad input: the same error, naming file, line and column, from both paths', async () => {
  const lines = fashionCsv(1500).split('\n');
  const word = [...lines];
  word[1400] = word[1400].replace(/,0,/, ',zero,');
  const file = writeFile(dir, 'fashion-word.csv', word.join('\n'));
  const message = await bothReject(file, /not a number in numeric column "pixel\d+"/);
  assert.ok(message.startsWith(`${file}:1401 (column "pixel`), message);
  const short = [...lines];
  short[900] = short[900].replace(/,\d+$/, '');
  await bothReject(writeFile(dir, 'fashion-short.csv', short.join('\n')), /fashion-short\.csv:901: expected 785 fields like the header, found 784/);
  // Invalid UTF-8 past the first 1 MB chunk: the decoder names the line, after the fast path read the lines before it.
  const invalid = Buffer.from(lines.join('\n'), 'latin1');
  const at = invalid.indexOf(Buffer.from(lines[1200]));
  invalid[at + 2] = 0xff;
  await bothReject(writeFile(dir, 'fashion-bytes.csv', invalid), /fashion-bytes\.csv:1201: not valid UTF-8 text/);
  const open = [...lines.slice(0, 1000), lines[1000].replace(/,0,/, ',"0,'), ...lines.slice(1001)];
  await bothReject(writeFile(dir, 'fashion-quote.csv', open.join('\n')), /fashion-quote\.csv:1001: not valid CSV: a quoted field is never closed/);
});

test('records cut at any byte between pushes come out as from one push (CRLF, lone CR, blank lines, signs, decimals)', () => {
  const text = 'a,b,c\r\n1,-2.5,x\r\n\r\n+3,.5,y z\r4,5.,\n007,12345678901234567,-\n';
  const run = (cuts: number[]) => {
    const out: string[] = [];
    const tokenizer = new AsciiTokenizer(',', '.', (cells, numbers, count, line) => out.push(`${line}:${cells.slice(0, count).join('|')}:${Array.from(numbers.subarray(0, count)).join('|')}`));
    const bytes = Buffer.from(text);
    let from = 0;
    for (const cut of [...cuts, bytes.length]) {
      assert.ok(tokenizer.push(bytes.subarray(from, cut), false));
      from = cut;
    }
    assert.ok(tokenizer.push(Buffer.alloc(0), true));
    return out;
  };
  const whole = run([]);
  const general: string[] = [];
  const reference = new DelimitedTokenizer('t.csv', ',', '.', (cells, numbers, count, line) => general.push(`${line}:${cells.slice(0, count).join('|')}:${Array.from(numbers.subarray(0, count)).join('|')}`));
  reference.push(text, true);
  assert.deepEqual(whole, general);
  assert.equal(whole.length, 5);
  for (let cut = 1; cut < text.length; cut++) assert.deepEqual(run([cut]), whole, `cut at ${cut}`);
});
