import { createRandom, deriveSeed, permutation } from '../src/core/util/random';
import { CalTable } from './datasets';

export interface Planted {
  table: CalTable;
  /** Originals that got near-copies (same label) appended. */
  copied: string[];
  /** Samples given another class's label; the first two thirds of them also got near-copies carrying the wrong label. */
  mislabelled: string[];
  /** The mislabelled samples whose wrong label near-copies keep. */
  mislabelledCopied: string[];
}

/**
 * The known structures the requests probe: `share` of the rows get two near-copies each, and as
 * many get a wrong label; two thirds of those are copied too (copy groups carrying the wrong
 * label), so deletion alone cannot remove them: the "cannot be removed by deletion alone"
 * target needs positives on every dataset. Seeded.
 */
export function plantStructure(source: CalTable, share: number, seed: number): Planted {
  const random = createRandom(deriveSeed(seed, 'plant', source.name));
  const n = source.ids.length;
  const count = Math.max(4, Math.round(share * n));
  const order = Array.from(permutation(n, random));
  const copiedIdx = order.slice(0, count);
  const mislabelledIdx = order.slice(count, 2 * count);
  const table: CalTable = { ...source, ids: source.ids.slice(), labels: source.labels.slice(), rows: source.rows?.map((r) => r.slice()), texts: source.texts?.slice() };
  const classes = [...new Set(source.labels)].sort();
  for (const i of mislabelledIdx) {
    const k = classes.indexOf(table.labels[i]);
    table.labels[i] = classes[(k + 1 + Math.floor(random() * (classes.length - 1))) % classes.length];
  }
  const withCopies = [...copiedIdx, ...mislabelledIdx.slice(0, Math.round((mislabelledIdx.length * 2) / 3))];
  for (const i of withCopies) {
    for (let c = 1; c <= 2; c++) {
      table.ids.push(`${source.ids[i]}~copy${c}`);
      table.labels.push(table.labels[i]);
      if (table.rows) table.rows.push(table.rows[i].map((v) => jitter(v, random)));
      if (table.texts) table.texts.push(`${table.texts[i]} ${c === 1 ? 'thanks' : 'regards'}`);
    }
  }
  const mislabelled = mislabelledIdx.map((i) => source.ids[i]);
  return { table, copied: copiedIdx.map((i) => source.ids[i]), mislabelled, mislabelledCopied: mislabelled.slice(0, Math.round((mislabelled.length * 2) / 3)) };
}

/** A near-copy's value: within 1 % (integers such as pixels stay integers). */
function jitter(v: number, random: () => number): number {
  const moved = v * (1 + (random() * 2 - 1) * 0.01);
  return Number.isInteger(v) ? Math.round(moved) : Number(moved.toPrecision(6));
}
