import { createRandom, deriveSeed, permutation } from '../util/random';
import { AlgorithmName } from '../unlearn/types';
import { UnlearningStep } from './runUnlearning';

/** What RUM runs on each tier of the forget set (low, medium, high); 'none' leaves that tier alone. */
export type RumRecipe = [AlgorithmName | 'none', AlgorithmName | 'none', AlgorithmName | 'none'];

export const DEFAULT_RUM_RECIPE: RumRecipe = ['none', 'finetune', 'salun'];

/** The forget set in RUM's tiers, each sorted by index. */
export type RumTiers = [low: Int32Array, medium: Int32Array, high: Int32Array];

/**
 * RUM's tiers, as its paper and code define them: medium is the third of the forget set whose
 * score is closest to the centre (0.5 for memorization, the training set's median for the
 * confidence proxy), and the band of scores it spans is the threshold: samples above the band are
 * high, below it low. So tiers follow the scores, not the ranks: a forget set of mostly
 * unmemorized samples has a large low tier and a small or empty high one, where a split into
 * rank thirds would call the most memorized of them "high".
 */
export function rumTiers(forgetIdx: Int32Array, score: (i: number) => number, centre: number): RumTiers {
  const byDistance = Array.from(forgetIdx).sort((a, b) => Math.abs(score(a) - centre) - Math.abs(score(b) - centre) || a - b);
  const medium = byDistance.slice(0, Math.round(forgetIdx.length / 3));
  const inMedium = new Set(medium);
  const rest = Array.from(forgetIdx).filter((i) => !inMedium.has(i));
  const sorted = (xs: number[]) => Int32Array.from(xs).sort();
  return [sorted(rest.filter((i) => score(i) <= centre)), sorted(medium), sorted(rest.filter((i) => score(i) > centre))];
}

/** The control: tiers of the same sizes, drawn at random from the forget set. */
export function shuffledTiers(tiers: RumTiers, seed: number): RumTiers {
  const all = tiers.flatMap((t) => Array.from(t));
  const order = Array.from(permutation(all.length, createRandom(deriveSeed(seed, 'rum-control'))), (k) => all[k]);
  const sizes = tiers.map((t) => t.length);
  return [0, 1, 2].map((t) => {
    const start = sizes.slice(0, t).reduce((a, b) => a + b, 0);
    return Int32Array.from(order.slice(start, start + sizes[t])).sort();
  }) as RumTiers;
}

/**
 * RUM: unlearn the tiers in order low, medium, high, each step from the previous model, with
 * retain set R_k = train minus tiers 1..k.
 */
export function rumSteps(tiers: RumTiers, trainIdx: Int32Array, recipe: RumRecipe): UnlearningStep[] {
  const removed = new Set<number>();
  const steps: UnlearningStep[] = [];
  tiers.forEach((tier, t) => {
    tier.forEach((i) => removed.add(i));
    const algorithm = recipe[t];
    if (algorithm === 'none' || tier.length === 0) return;
    steps.push({ algorithm, forgetIdx: tier, retainIdx: Int32Array.from(trainIdx).filter((i) => !removed.has(i)) });
  });
  return steps;
}

/** How RUM scores the forget set, the tiers' centre, and which estimate the score is. */
export interface RumOrdering {
  memorization: (i: number) => number;
  centre: number;
  /** 'fast' / 'thorough': the audit's memorization estimate of that mode; 'confidence-proxy': the fallback. */
  estimate: 'fast' | 'thorough' | 'confidence-proxy';
  source: string;
}

/**
 * RUM's score: the audit's memorization estimate (of whichever mode the audit ran) when it covers
 * every forget sample; otherwise (the audit held some out, or used a loaded model) the fast proxy
 * for all of them, one minus the mean p(y|x) the original model gave each sample during its
 * training (SCIENCE.md: it rank-correlates strongly and negatively with memorization), centred on
 * its median over the training set as in RUM's code. One measure for the whole set: mixing them,
 * or scoring the missing ones 0, would misplace those samples.
 */
export function rumOrdering(
  forgetIdx: Int32Array,
  audit: { memorization: (i: number) => number | null; mode: 'fast' | 'thorough' },
  trainingConfidence: Float32Array | undefined,
  trainIdx: Int32Array,
): RumOrdering {
  const fromAudit = Array.from(forgetIdx, audit.memorization);
  if (fromAudit.every((m) => m !== null && Number.isFinite(m))) {
    const byIndex = new Map(Array.from(forgetIdx, (i, k) => [i, fromAudit[k]!]));
    return { memorization: (i) => byIndex.get(i) ?? 0, centre: 0.5, estimate: audit.mode, source: `memorization (the audit's ${audit.mode} estimate)` };
  }
  if (!trainingConfidence) throw new Error('RUM needs the audit\'s memorization or the original model\'s training record');
  const proxy = Float32Array.from(trainIdx, (i) => 1 - trainingConfidence[i]).sort();
  const median = proxy.length ? (proxy[(proxy.length - 1) >> 1] + proxy[proxy.length >> 1]) / 2 : 0.5;
  return {
    memorization: (i) => 1 - trainingConfidence[i],
    centre: median,
    estimate: 'confidence-proxy',
    source: 'the confidence proxy (1 − mean p(y|x) during the original\'s training)',
  };
}
