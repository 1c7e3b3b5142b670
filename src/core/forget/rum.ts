import { createRandom, deriveSeed, permutation } from '../util/random';
import { AlgorithmName } from '../unlearn/types';
import { UnlearningStep } from './runUnlearning';

/** What RUM runs on each third of the forget set; 'none' leaves that third alone. */
export type RumRecipe = [AlgorithmName | 'none', AlgorithmName | 'none', AlgorithmName | 'none'];

export const DEFAULT_RUM_RECIPE: RumRecipe = ['none', 'finetune', 'salun'];

/**
 * RUM: split the forget set into thirds by memorization (low, medium, high) and unlearn them in
 * that order, each step from the previous model, with retain set R_k = train minus thirds 1..k.
 * `shuffled` gives the control: thirds of the same sizes drawn at random.
 */
export function rumSteps(
  forgetIdx: Int32Array,
  trainIdx: Int32Array,
  memorization: (i: number) => number,
  recipe: RumRecipe,
  options: { shuffled: boolean; seed: number },
): UnlearningStep[] {
  const ordered = options.shuffled
    ? Array.from(permutation(forgetIdx.length, createRandom(deriveSeed(options.seed, 'rum-control')))).map((k) => forgetIdx[k])
    : Array.from(forgetIdx).sort((a, b) => memorization(a) - memorization(b) || a - b);
  const size = Math.ceil(ordered.length / 3);
  const thirds = [0, 1, 2].map((t) => Int32Array.from(ordered.slice(t * size, (t + 1) * size)));
  const removed = new Set<number>();
  const steps: UnlearningStep[] = [];
  thirds.forEach((third, t) => {
    third.forEach((i) => removed.add(i));
    const algorithm = recipe[t];
    if (algorithm === 'none' || third.length === 0) return;
    steps.push({ algorithm, forgetIdx: third, retainIdx: Int32Array.from(trainIdx).filter((i) => !removed.has(i)) });
  });
  return steps;
}

/** How RUM ranks the forget set, and what the ranking is. */
export interface RumOrdering {
  memorization: (i: number) => number;
  source: string;
}

/**
 * RUM's ranking: the audit's memorization estimate when it covers every forget sample; otherwise
 * (the audit held some out, or used a loaded model) the fast proxy for all of them, one minus
 * the mean p(y|x) the original model gave each sample during its training (SCIENCE.md: it
 * rank-correlates strongly and negatively with memorization). One measure for the whole set:
 * mixing them, or scoring the missing ones 0, would misplace those samples.
 */
export function rumOrdering(forgetIdx: Int32Array, auditMemorization: (i: number) => number | null, trainingConfidence: Float32Array | undefined): RumOrdering {
  const fromAudit = Array.from(forgetIdx, auditMemorization);
  if (fromAudit.every((m) => m !== null && Number.isFinite(m))) {
    const byIndex = new Map(Array.from(forgetIdx, (i, k) => [i, fromAudit[k]!]));
    return { memorization: (i) => byIndex.get(i) ?? 0, source: 'memorization (the audit\'s estimate)' };
  }
  if (!trainingConfidence) throw new Error('RUM needs the audit\'s memorization or the original model\'s training record');
  return { memorization: (i) => 1 - trainingConfidence[i], source: 'the confidence proxy (1 − mean p(y|x) during the original\'s training)' };
}
