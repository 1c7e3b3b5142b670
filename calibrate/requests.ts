import { AuditReport, AuditSample } from '../src/core/report/auditSchema';
import { createRandom, deriveSeed, permutation } from '../src/core/util/random';
import { Planted } from './plant';

export const REQUEST_KINDS = ['random', 'class-skewed', 'memorization-stratified', 'planted-copies', 'mislabelled'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface Request {
  key: string;
  dataset: string;
  kind: RequestKind;
  index: number;
  ids: string[];
}

/** `perKind` deletion requests of each kind, `size` training samples each, drawn from the audit made before any request. */
export function makeRequests(audit: AuditReport, planted: Planted, dataset: string, perKind: number, size: number, seed: number): Request[] {
  // Only trained samples can be unlearned; planted copies are not requested themselves.
  const train = audit.samples.filter((s) => s.split === 'train' && s.factors.memorization !== null && !s.id.includes('~copy'));
  const inTrain = new Set(train.map((s) => s.id));
  const out: Request[] = [];
  for (const kind of REQUEST_KINDS) {
    for (let index = 0; index < perKind; index++) {
      const random = createRandom(deriveSeed(seed, 'request', dataset, kind, index));
      const ids = draw(kind, index, train, planted, inTrain, size, random);
      // Another draw's requests get other keys, so a cached simulation of draw 0 is never reused for them.
      if (ids.length >= 2) out.push({ key: `${dataset}-${kind}-${index}${seed === 0 ? '' : `-d${seed}`}`, dataset, kind, index, ids });
    }
  }
  return out;
}

function draw(kind: RequestKind, index: number, train: AuditSample[], planted: Planted, inTrain: Set<string>, size: number, random: () => number): string[] {
  const pick = (pool: string[], k: number) => Array.from(permutation(pool.length, random).subarray(0, Math.min(k, pool.length)), (i) => pool[i]);
  const ids = train.map((s) => s.id);
  switch (kind) {
    case 'random':
      return pick(ids, size);
    case 'class-skewed': {
      // Three quarters from one class (rotating over the classes), the rest at random.
      const classes = [...new Set(train.map((s) => s.label))].sort();
      const label = classes[index % classes.length];
      const main = pick(train.filter((s) => s.label === label).map((s) => s.id), Math.ceil(size * 0.75));
      const rest = pick(ids.filter((id) => !main.includes(id)), size - main.length);
      return [...main, ...rest];
    }
    case 'memorization-stratified': {
      // Alternating bands of the memorization ranking: lowest, middle, highest fifth, ...
      const sorted = train.slice().sort((a, b) => a.factors.memorization! - b.factors.memorization! || a.id.localeCompare(b.id)).map((s) => s.id);
      const band = index % 5;
      const fifth = Math.floor(sorted.length / 5);
      return pick(sorted.slice(band * fifth, (band + 1) * fifth), size);
    }
    case 'planted-copies': {
      // Half copied originals, half random: the request mixes both.
      const copied = pick(planted.copied.filter((id) => inTrain.has(id)), Math.ceil(size / 2));
      return [...copied, ...pick(ids.filter((id) => !copied.includes(id)), size - copied.length)];
    }
    case 'mislabelled': {
      // Seven tenths mislabelled; on odd requests only copy groups that carry the wrong label.
      const pool = index % 2 === 1 ? planted.mislabelledCopied : planted.mislabelled;
      const wrong = pick(pool.filter((id) => inTrain.has(id)), Math.ceil(size * 0.7));
      return [...wrong, ...pick(ids.filter((id) => !wrong.includes(id)), size - wrong.length)];
    }
  }
}
