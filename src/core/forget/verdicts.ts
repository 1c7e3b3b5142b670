import { CarrierEvidence } from './carrierEvidence';
import { FORGOTTEN_TOLERANCE } from './forgettingTracker';
import { keepsLabel, losesLabel, seedSpread } from './seedSpread';

export type Verdict = 'forgettable' | 'hard' | 'ineffective-alone';
/** Per algorithm: at the retrained level, pushed below it (a membership attack can tell), or above it. */
export type AlgorithmOutcome = 'reached' | 'over-forgotten' | 'not-reached';

export interface VerdictInputs {
  pOriginal: number;
  /** p(label) under each retrain without the forget set. */
  retrainSeeds: number[];
  /** p(label) under each retrain without the forget set and all candidate carriers (same seeds); null when not run. */
  withoutCarriersSeeds: number[] | null;
  carriers: CarrierEvidence[];
  /** The retrains keep its label, but the hold-out cap left its candidates in (holdOutCap.ts): not tested. */
  capped?: boolean;
  /** False when removing the carriers also cost the class's test samples their label: the counterfactual then proves nothing. */
  classStillLearnt: boolean;
  /** residual per algorithm: p under the unlearned model minus p under the retrained one. */
  residual: Record<string, number>;
}

/** Algorithms that only keep training on retained data: reaching the level with them means easy. */
const GENTLE = new Set(['finetune', 'l1-sparse']);

export function algorithmOutcome(residual: number): AlgorithmOutcome {
  if (residual < -FORGOTTEN_TOLERANCE) return 'over-forgotten';
  return residual <= FORGOTTEN_TOLERANCE ? 'reached' : 'not-reached';
}

/**
 * A counterfactual, not a similarity threshold (docs/science.md, "Verdicts"):
 * - ineffective-alone: the retrains without it keep its label, and the retrains also without its
 *   candidate carriers lose it. The confirmed carriers are what else to delete.
 * - forgettable: the retrains without it keep its label and removing the candidates does not
 *   change that: a model that never saw it predicts it anyway. Or: the retrains lose it and a
 *   gentle method (fine-tuning) reaches their level.
 * - hard: only aggressive methods reach the retrained level, or none does.
 */
export function decideVerdict(v: VerdictInputs): { verdict: Verdict; evidence: string; outcome: Record<string, AlgorithmOutcome> } {
  const outcome = Object.fromEntries(Object.entries(v.residual).map(([name, r]) => [name, algorithmOutcome(r)]));
  const pRetrain = seedSpread(v.retrainSeeds).mean;
  const seeds = `${v.retrainSeeds.length} retrain ${v.retrainSeeds.length === 1 ? 'seed' : 'seeds'}`;
  if (keepsLabel(v.retrainSeeds)) {
    const without = v.withoutCarriersSeeds && seedSpread(v.withoutCarriersSeeds).mean;
    const confirmed = v.carriers.filter((c) => c.confirmed);
    if (v.withoutCarriersSeeds && without !== null && losesLabel(v.withoutCarriersSeeds) && !v.classStillLearnt) {
      return {
        verdict: 'forgettable',
        evidence: `a model that never saw it predicts its label anyway (p = ${pRetrain.toFixed(2)}); retrained also without its ${v.carriers.length} most similar same-label samples it does not (p = ${without.toFixed(2)}), but neither does the class's test data: too much of the class was held out to tell whether anything carries it`,
        outcome,
      };
    }
    if (v.withoutCarriersSeeds && without !== null && losesLabel(v.withoutCarriersSeeds)) {
      const named = confirmed.length ? `; ${confirmed.length} of them ${confirmed.length === 1 ? 'carries' : 'carry'} its pattern and should be deleted too: ${confirmed.slice(0, 5).map((c) => c.id).join(', ')}${confirmed.length > 5 ? ', …' : ''}` : '; no single candidate shows its own evidence of carrying it';
      return {
        verdict: 'ineffective-alone',
        evidence: `deleting it alone does not work: a model retrained without it still gives its label p = ${pRetrain.toFixed(2)} (original ${v.pOriginal.toFixed(2)}, ${seeds}); retrained also without its ${v.carriers.length} most similar same-label samples, p = ${without.toFixed(2)}${named}`,
        outcome,
      };
    }
    if (v.withoutCarriersSeeds && without !== null && !keepsLabel(v.withoutCarriersSeeds)) {
      const perSeed = v.withoutCarriersSeeds.map((p) => p.toFixed(2)).join(', ');
      return {
        verdict: 'forgettable',
        evidence: `undecided, treated as forgettable: a model that never saw it predicts its label anyway (p = ${pRetrain.toFixed(2)}); retrained also without its ${v.carriers.length} most similar same-label samples the seeds disagree (p = ${perSeed}), so no carrier is proven`,
        outcome,
      };
    }
    if (v.capped) {
      return {
        verdict: 'forgettable',
        evidence: `deleting it is enough as far as measured: a model that never saw it predicts its label anyway (p = ${pRetrain.toFixed(2)}); its most similar same-label samples were not held out to check what carries it (the retrain without candidates holds out at most a capped share of the data, closest neighbours first, and its neighbours are less close)`,
        outcome,
      };
    }
    const tested = without === null ? '' : `, and still p = ${without.toFixed(2)} without its ${v.carriers.length} most similar same-label samples`;
    return { verdict: 'forgettable', evidence: `deleting it is enough: a model that never saw it predicts its label anyway (p = ${pRetrain.toFixed(2)}${tested}); it is typical of its class`, outcome };
  }
  const reached = Object.keys(outcome).filter((name) => outcome[name] === 'reached');
  const over = Object.keys(outcome).filter((name) => outcome[name] === 'over-forgotten');
  const overNote = over.length ? `; ${over.join(', ')} over-${over.length === 1 ? 'forgets' : 'forget'} it (below the retrained level, which a membership attack can detect)` : '';
  const gentle = reached.filter((name) => GENTLE.has(name));
  if (gentle.length > 0) return { verdict: 'forgettable', evidence: `needs unlearning, and ${gentle.join(' and ')} ${gentle.length === 1 ? 'reaches' : 'reach'} the retrained model's level (p ${pRetrain.toFixed(2)}, within ${FORGOTTEN_TOLERANCE})${overNote}`, outcome };
  if (reached.length > 0) return { verdict: 'hard', evidence: `only ${reached.join(', ')} ${reached.length === 1 ? 'reaches' : 'reach'} the retrained model's level (p ${pRetrain.toFixed(2)})${overNote}`, outcome };
  return { verdict: 'hard', evidence: `no method reached the retrained model's level (p ${pRetrain.toFixed(2)}) within its budget${overNote}`, outcome };
}
