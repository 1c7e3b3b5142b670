import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadDataset } from '../../../src/core/data/load';
import { Table, toDelimited, wineTable } from '../../helpers/sklearnTables';
import { readDigits } from '../../helpers/digits';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();

/** Wine with the label moved to column `at`. */
function labelAt(table: Table, at: number): Table {
  const move = (r: string[]) => {
    const rest = r.slice(0, -1);
    rest.splice(at, 0, r[r.length - 1]);
    return rest;
  };
  return { header: move(table.header), rows: table.rows.map(move) };
}

test('all-numeric tables (one row-major block) and mixed tables (a column each) encode the same values', async () => {
  const last = await loadDataset(writeFile(dir, 'last.csv', toDelimited(wineTable())));
  const first = await loadDataset(writeFile(dir, 'first.csv', toDelimited(labelAt(wineTable(), 0))));
  const middle = await loadDataset(writeFile(dir, 'middle.csv', toDelimited(labelAt(wineTable(), 6))));
  assert.deepEqual(first.dataset.X, last.dataset.X);
  // Label in the middle: the feature columns are not side by side, so each is stored on its own.
  assert.deepEqual(middle.dataset.X, last.dataset.X);
  assert.deepEqual(middle.dataset.y, last.dataset.y);
  // Standardised: every feature has mean 0 and standard deviation 1.
  const d = last.dataset.numFeatures;
  for (let j = 0; j < d; j++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 178; i++) {
      sum += last.dataset.X[i * d + j];
      sq += last.dataset.X[i * d + j] ** 2;
    }
    assert.ok(Math.abs(sum / 178) < 1e-5 && Math.abs(sq / 178 - 1) < 1e-4, `feature ${j}: mean ${sum / 178}, var ${sq / 178}`);
  }
});

test('exact duplicates compare values, not spellings; a missing cell differs from a zero', async () => {
  const file = writeFile(dir, 'dups.csv', 'a,b,label\n1,2.5,x\n1.0,2.50,y\n1e0,+2.5,x\n0,2.5,y\n,2.5,x\n');
  const { dataset } = await loadDataset(file);
  const h = dataset.contentHashes;
  assert.equal(h[0], h[1]);
  assert.equal(h[0], h[2]);
  assert.notEqual(h[0], h[3]);
  assert.notEqual(h[3], h[4]);
});

test('a numeric value in another spelling inside an all-numeric table goes through the slow path correctly', async () => {
  const rows = Array.from({ length: 50 }, (_, i) => `${i},${i % 7},${i % 2}`);
  rows[10] = ' 10 ,3e0,0';
  const { dataset } = await loadDataset(writeFile(dir, 'spelling.csv', `a,b,label\n${rows.join('\n')}\n`));
  const plain = await loadDataset(writeFile(dir, 'spelling-plain.csv', `a,b,label\n${rows.map((r, i) => (i === 10 ? '10,3,0' : r)).join('\n')}\n`));
  assert.deepEqual(dataset.X, plain.dataset.X);
});

test('an all-integer pixel table (digits) is stored as float32 and encodes like the Float64 columns', async () => {
  const digits = readDigits();
  const header = ['id', ...digits[0].pixels.map((_, j) => `p${j}`), 'label'];
  const rows = digits.map((d) => [d.id, ...d.pixels.map(String), String(d.label)]);
  const dense = await loadDataset(writeFile(dir, 'digits-dense.csv', toDelimited({ header, rows })));
  const columnar = await loadDataset(writeFile(dir, 'digits-columnar.csv', toDelimited(labelAt({ header: header.slice(1), rows: rows.map((r) => r.slice(1)) }, 10))));
  assert.equal(dense.dataset.numFeatures, 64);
  assert.deepEqual(dense.dataset.X, columnar.dataset.X);
  assert.deepEqual(dense.dataset.y, columnar.dataset.y);
});
