import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readForgetIds, resolveForgetIds } from '../../../src/core/forget/forgetIds';
import { InputError } from '../../../src/core/errors';
import { tempDir, writeFile } from '../../helpers/tempFiles';

const dir = tempDir();
const dataset = Array.from({ length: 50 }, (_, i) => `r${i + 1}`);

test('id lists: one per line, comments and blank lines skipped, repeats dropped; or a CSV id column', () => {
  const txt = writeFile(dir, 'ids.txt', '# deletion request 42\nr3\n\n  r7  # the user asked twice\nr3\r\nr10\n');
  assert.deepEqual(readForgetIds(txt), ['r3', 'r7', 'r10']);
  const csv = writeFile(dir, 'ids.csv', 'ticket,id\nT1,r5\nT2,"r6"\n');
  assert.deepEqual(readForgetIds(csv), ['r5', 'r6']);
  const noId = writeFile(dir, 'noid.csv', 'ticket,row\nT1,r5\n');
  assert.throws(() => readForgetIds(noId), (e: unknown) => e instanceof InputError && /needs an "id" column/.test(e.message));
});

test('unknown ids are listed (20 shown, then a count) unless allowed; empty and whole-dataset sets are refused', () => {
  const unknown = Array.from({ length: 25 }, (_, i) => `x${i}`);
  assert.throws(
    () => resolveForgetIds(['r1', ...unknown], dataset, 'ids.txt', false),
    (e: unknown) => e instanceof InputError && /25 requested ids are not in the dataset: "x0", .*"x19" and 5 more \(use --allow-missing/.test(e.message),
  );
  const allowed = resolveForgetIds(['r2', 'x1', 'r1'], dataset, 'ids.txt', true);
  assert.deepEqual(Array.from(allowed.indices), [0, 1]);
  assert.deepEqual(allowed.missing, ['x1']);
  assert.throws(() => resolveForgetIds(['x1'], dataset, 'ids.txt', true), (e: unknown) => e instanceof InputError && /empty/.test(e.message));
  assert.throws(() => resolveForgetIds(dataset, dataset, 'ids.txt', false), (e: unknown) => e instanceof InputError && /whole dataset/.test(e.message));
});
