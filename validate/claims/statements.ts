/** Each claim as SCIENCE.md states it (1–6) plus ForgetLens's own. */
export const STATEMENTS = {
  memorizationProxy: { id: '1', claim: 'The confidence proxy rank-correlates negatively with subsample memorization.' },
  memorizationTow: { id: '2', claim: "Higher-memorization forget sets: lower ToW for most algorithms; θ_r's own F accuracy falls." },
  entanglementTow: { id: '3', claim: 'Higher Entanglement Score (ES): lower ToW.' },
  rum: { id: '4', claim: 'RUM beats running one algorithm once on a mixed F; a shuffled split gains little.' },
  copies: { id: '5', claim: 'With near-duplicates of F left in R, even θ_r keeps F accuracy high.' },
  agreement: { id: '6', claim: 'Per-sample measured difficulty ranks agree across algorithms.' },
  difficulty: { id: 'FL', claim: "ForgetLens: the audit's difficulty predicts what unlearning leaves behind (|p_u − p_r| per forget sample), better than memorization or confidence alone." },
} as const;
