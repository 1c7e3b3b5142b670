// The protocol for choosing fast mode's memorization estimator (issue 12, section 3), fixed in
// code and committed before any held-out number was computed: candidates and their
// hyper-parameters are chosen on SELECTION_SETS only, and then reported, unchanged, on HELD_OUT_SETS.

/** Data sets the choice is made on. */
export const SELECTION_SETS = ['digits', 'breast cancer'] as const;
/** Data sets the chosen estimator is only reported on. */
export const HELD_OUT_SETS = ['wine', 'Fashion-MNIST 10k', 'SpamAssassin'] as const;

/** Models in the reference subsample estimator (PyTorch, random 70 % subsets). */
export const REFERENCE_K = 64;
/** Shrinkage strengths tried for the few-model subsample estimator (prior weight in model-pairs). */
export const SHRINK_GRID = [0.5, 1, 2, 4, 8] as const;

/**
 * The choice: the candidate with the highest mean Spearman (against the reference's hard
 * estimate) over the selection sets, among those whose extra models cost no more compute than
 * today's two cross-fit half-models. Candidates with more models (K = 4 and 8 on 70 % subsets)
 * are reported beside it for what extra compute buys, but cannot be chosen, since fast mode must
 * stay ≥ 10× faster than the K = 64 reference. The chosen one replaces today's index in fast mode
 * only if its mean held-out Spearman is higher than the index's.
 */
export const TARGET_RHO = 0.75;
export const TARGET_SPEEDUP = 10;
/** Tie-aware check: AUROC of each score for "reference hard estimate ≥ 0.5". */
export const MEMORIZED_AT = 0.5;
