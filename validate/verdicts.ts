/**
 * The rules that turn measurements into verdicts. They were written down (here and in
 * docs/VALIDATION.md) before the first full run, and are not to be tuned to the results.
 */
export type Verdict = 'held' | 'partly' | 'did not hold' | 'not testable';

export const VERDICTS: Verdict[] = ['held', 'partly', 'did not hold', 'not testable'];

export const RULES = {
  memorizationProxy:
    'Per dataset: Spearman(confidence proxy, subsample memorization) over the training samples ≤ −0.3: held; between −0.3 and 0: partly; ≥ 0: did not hold.',
  memorizationTow:
    'Per dataset, forget sets of low vs high memorization: (a) ToW lower on the high set for a majority of the algorithms, (b) θ_r\'s accuracy on F lower on the high set. Both: held; one: partly; neither: did not hold.',
  entanglementTow:
    'Per dataset, of the forget sets built to differ in Entanglement Score, compare the one with the highest measured ES with the one with the lowest: ToW lower on the highest-ES set for a majority of the algorithms: held; for at least one: partly; for none: did not hold.',
  rum:
    'Per dataset, mixed forget set: (a) ToW of RUM higher than that of every algorithm of its recipe run once on the whole set, (b) ToW of RUM higher than that of the shuffled-split control. Both: held; one: partly; neither: did not hold.',
  copies:
    'Per dataset, mislabelled forget samples with near-copies left in R (A) vs without (B); θ_r\'s F accuracy = share of samples whose retrained p(y|x) > 0.5. acc(A) ≥ 0.8 and acc(A) − acc(B) ≥ 0.5: held; acc(A) − acc(B) ≥ 0.2: partly; otherwise: did not hold.',
  agreement:
    'Per dataset, mixed forget set, among the algorithms that moved F (mean |p_u(y|x) − p_o(y|x)| over F ≥ 0.05): mean pairwise Spearman of per-sample residuals ≥ 0.5: held; ≥ 0.2: partly; below: did not hold; fewer than two algorithms moved F: not testable.',
  difficulty:
    'Per dataset, mixed forget set: Spearman(audit difficulty, residual) ≥ 0.3 for a majority of the algorithms: held; > 0 for a majority: partly; otherwise: did not hold.',
  combined:
    'Over datasets (ignoring not-testable ones): held on every dataset: held; did not hold on every dataset: did not hold; otherwise: partly.',
} as const;

export function proxyVerdict(rho: number): Verdict {
  if (!Number.isFinite(rho) || rho >= 0) return 'did not hold';
  return rho <= -0.3 ? 'held' : 'partly';
}

/** Two conditions of one claim: both hold, one, or none. */
export function bothConditions(a: boolean, b: boolean): Verdict {
  if (a && b) return 'held';
  return a || b ? 'partly' : 'did not hold';
}

export function majorityVerdict(count: number, total: number): Verdict {
  if (total > 0 && count > total / 2) return 'held';
  return count > 0 ? 'partly' : 'did not hold';
}

export function copiesVerdict(accWith: number, accWithout: number): Verdict {
  if (accWith >= 0.8 && accWith - accWithout >= 0.5) return 'held';
  return accWith - accWithout >= 0.2 ? 'partly' : 'did not hold';
}

export function agreementVerdict(meanRho: number, movedAlgorithms: number): Verdict {
  if (movedAlgorithms < 2 || !Number.isFinite(meanRho)) return 'not testable';
  if (meanRho >= 0.5) return 'held';
  return meanRho >= 0.2 ? 'partly' : 'did not hold';
}

export function difficultyVerdict(rhos: number[]): Verdict {
  const majority = (count: number) => count > rhos.length / 2;
  if (majority(rhos.filter((r) => r >= 0.3).length)) return 'held';
  return majority(rhos.filter((r) => r > 0).length) ? 'partly' : 'did not hold';
}

export function combineVerdicts(verdicts: Verdict[]): Verdict {
  const testable = verdicts.filter((v) => v !== 'not testable');
  if (testable.length === 0) return 'not testable';
  if (testable.every((v) => v === 'held')) return 'held';
  if (testable.every((v) => v === 'did not hold')) return 'did not hold';
  return 'partly';
}
