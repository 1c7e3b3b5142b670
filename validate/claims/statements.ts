import { RULES } from '../verdicts';

/** Each claim as SCIENCE.md states it (1–6) plus ForgetLens's own, with the rule that decides it. */
export const STATEMENTS = {
  memorizationProxy: { id: '1', claim: 'The confidence proxy rank-correlates negatively with subsample memorization.', rule: RULES.memorizationProxy },
  memorizationTow: { id: '2', claim: "Higher-memorization forget sets: lower ToW for most algorithms; θ_r's own F accuracy falls.", rule: RULES.memorizationTow },
  entanglementTow: { id: '3', claim: 'Higher Entanglement Score (ES): lower ToW.', rule: RULES.entanglementTow },
  rum: { id: '4', claim: 'RUM beats running one algorithm once on a mixed F; a shuffled split gains little.', rule: RULES.rum },
  copies: { id: '5', claim: 'With near-duplicates of F left in R, even θ_r keeps F accuracy high.', rule: RULES.copies },
  agreement: { id: '6', claim: 'Per-sample measured difficulty ranks agree across algorithms.', rule: RULES.agreement },
  difficulty: {
    id: 'FL',
    claim: "ForgetLens: the audit's difficulty predicts the measured residual of a forget set (Spearman per algorithm).",
    rule: RULES.difficulty,
  },
} as const;
