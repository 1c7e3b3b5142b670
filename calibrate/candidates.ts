import { REQUEST_FEATURES } from '../src/core/factors/calibration/features';

/**
 * The feature sets the nested leave-one-dataset-out selection chooses among, fixed here before
 * the final run. `:rank` is the percentile within the dataset (comparable across datasets whose
 * factor scales differ); the request's features are comparable as they are.
 */
const REQUEST = [...REQUEST_FEATURES];
const CORE = ['memorization', 'leaveOutConfidence', 'similarSamples', 'nearestSameLabel', 'labelDisagreement'];
const ALL = ['memorization', 'lowConfidence', 'leaveOutConfidence', 'similarSamples', 'nearestSimilarity', 'nearestSameLabel', 'labelConflicts', 'labelDisagreement', 'entanglement'];
// What keeps a label after deletion alone: same-label near-duplicates, and whether its class alone would give it the label.
const CARRIERS = ['similarSamples', 'nearestSameLabel', 'otherLabelNeighbours', 'carriedAgainstNeighbours', 'labelDisagreement', 'leaveOutConfidence', 'memorization'];
const rank = (names: string[]) => names.map((n) => `${n}:rank`);

export const CANDIDATE_SETS: Record<string, string[]> = {
  // The features of the earlier, unmerged fit.
  previous: ['memorization', 'lowConfidence', 'similarSamples', 'nearestSimilarity', 'labelDisagreement', 'entanglement', ...REQUEST],
  'all raw': [...ALL, ...REQUEST],
  'all ranked': [...rank(ALL), ...REQUEST],
  'core raw': [...CORE, ...REQUEST],
  'core ranked': [...rank(CORE), ...REQUEST],
  'composite and core raw': ['composite', ...CORE, ...REQUEST],
  'composite and core ranked': [...rank(['composite', ...CORE]), ...REQUEST],
  // Ranks compare samples within a dataset; raw memorization and the composite keep what differs between datasets (how much a model memorizes there).
  'all ranked with raw memorization and composite': [...rank(ALL), 'memorization', 'composite', ...REQUEST],
  'core ranked with raw memorization and composite': [...rank(CORE), 'memorization', 'composite', ...REQUEST],
  // Persistence only (added after the 2026-12-01 20:38 run, where persistence lost to the composite):
  // raw counts keep what differs between datasets, which a pooled AUROC rewards.
  'carriers raw': [...CARRIERS, ...REQUEST],
  'carriers ranked with raw carriers and composite': [...rank(CARRIERS), 'similarSamples', 'carriedAgainstNeighbours', 'composite', ...REQUEST],
};

const PERSISTENCE_ONLY = new Set(['carriers raw', 'carriers ranked with raw carriers and composite']);

/** The candidates a target chooses among: residualRisk keeps the sets its passing run chose from. */
export function candidateNames(target: 'residualRisk' | 'persistence'): string[] {
  return Object.keys(CANDIDATE_SETS).filter((name) => target === 'persistence' || !PERSISTENCE_ONLY.has(name));
}
