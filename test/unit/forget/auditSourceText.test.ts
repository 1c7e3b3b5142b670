import { test } from 'node:test';
import assert from 'node:assert/strict';
import { auditSourceText } from '../../../src/core/forget/auditSourceText';
import type { ForgetReport } from '../../../src/core/forget/schema';

function source(input: number | 'auto', inputEffective: number): Pick<ForgetReport, 'auditSource'> {
  return {
    auditSource: {
      origin: 'run now', path: null, createdAt: '2026-12-02T00:00:00Z',
      settings: { mode: 'fast', k: null, seed: 0, testFraction: 0.1, similarity: { input, embedding: 0.95, inputEffective }, neighbours: 10 },
    },
  } as unknown as Pick<ForgetReport, 'auditSource'>;
}

test('the provenance line names the near-duplicate rule that decided, not a cut that never applied', () => {
  assert.match(auditSourceText(source('auto', 1))!, /near-duplicate similarity auto \(copy-gap rule: a copy stands out/);
  assert.match(auditSourceText(source('auto', 0.996))!, /near-duplicate similarity auto \(cosine 0\.996\)/);
  assert.match(auditSourceText(source(0.98, 0.98))!, /near-duplicate similarity 0\.98,/);
});
