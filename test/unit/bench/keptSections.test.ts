import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { keptSections } from '../../../bench/keptSections';

test('a bench rerun keeps the sections of BENCHMARKS.md it does not measure, and only them', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kept-'));
  try {
    const file = path.join(dir, 'BENCHMARKS.md');
    assert.deepEqual(keptSections(file), [], 'no file yet: nothing to keep');
    const grid = '## Results panel: the samples grid\n\n| a | b |\n| --- | --- |\n| 1 | 2 |';
    fs.writeFileSync(file, `# Benchmarks\n\n## Headline\n\nold numbers\n\n${grid}\n\n## Reading these numbers\n\nnotes\n`);
    assert.deepEqual(keptSections(file), [grid]);
    fs.writeFileSync(file, `# Benchmarks\n\n## Headline\n\n${grid}\n`);
    assert.deepEqual(keptSections(file), [grid], 'the last section runs to the end of the file');
    fs.writeFileSync(file, '# Benchmarks\n\n## Headline\n\nResults panel: the samples grid, mentioned but no heading\n');
    assert.deepEqual(keptSections(file), []);
    const readers = '## Parquet readers compared: hyparquet and parquet-wasm\n\n| reader |\n| --- |\n| hyparquet |';
    fs.writeFileSync(file, `# Benchmarks\n\n${grid}\n\n## Reading a dataset\n\nrerun\n\n${readers}\n\n## Cancel\n\nrerun\n`);
    assert.deepEqual(keptSections(file), [grid, readers], 'the Parquet reader comparison is kept too (measured outside npm run bench)');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
