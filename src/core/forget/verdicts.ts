export type Verdict = 'forgettable' | 'hard' | 'ineffective-alone';

export interface VerdictInputs {
  pOriginal: number;
  pRetrain: number;
  /** residual per algorithm: p under the unlearned model minus p under the retrained one. */
  residual: Record<string, number>;
  similarInRetain: Array<{ id: string; similarity: number }>;
}

/** Residual at or below which an algorithm has brought a sample to the retrained level. */
export const REACHED = 0.1;
/** Algorithms that only keep training on retained data: reaching the level with them means easy. */
const GENTLE = new Set(['finetune', 'l1-sparse']);

/**
 * - ineffective-alone: even the model retrained without it still predicts it (p ≥ 0.5, not much
 *   below the original) and near-duplicates remain in the retain set: they carry its influence.
 * - forgettable: a gentle method (fine-tuning) already reaches the retrained level.
 * - hard: only aggressive methods get there, or none does.
 */
export function decideVerdict(v: VerdictInputs): { verdict: Verdict; evidence: string } {
  const reached = Object.entries(v.residual).filter(([, r]) => r <= REACHED).map(([name]) => name);
  const retrainStillPredicts = v.pRetrain >= 0.5 && v.pRetrain >= v.pOriginal - 0.25;
  if (retrainStillPredicts && v.similarInRetain.length > 0) {
    const ids = v.similarInRetain.slice(0, 5).map((s) => s.id).join(', ');
    return {
      verdict: 'ineffective-alone',
      evidence: `a model retrained without it still gives its label p = ${v.pRetrain.toFixed(2)} (original ${v.pOriginal.toFixed(2)}); ${v.similarInRetain.length} similar ${v.similarInRetain.length === 1 ? 'sample remains' : 'samples remain'}: ${ids}`,
    };
  }
  const gentle = reached.filter((name) => GENTLE.has(name));
  if (gentle.length > 0) return { verdict: 'forgettable', evidence: `${gentle.join(' and ')} ${gentle.length === 1 ? 'reaches' : 'reach'} the retrained model's level (residual ≤ ${REACHED})` };
  if (reached.length > 0) return { verdict: 'hard', evidence: `only ${reached.join(', ')} ${reached.length === 1 ? 'reaches' : 'reach'} the retrained model's level` };
  return { verdict: 'hard', evidence: `no method reached the retrained model's level (p ${v.pRetrain.toFixed(2)}) within its budget` };
}
