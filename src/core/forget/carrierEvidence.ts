import { CandidateCarrier } from './candidateCarriers';
import { keepsLabel, losesLabel } from './seedSpread';

export interface CarrierEvidence {
  id: string;
  label: string;
  similarity: number;
  modelSimilarity: number;
  foundIn: Array<'input' | 'model'>;
  /** p(its own label) under the retrains without F, where it was trained on. */
  pRetrain: number;
  /** p(its own label) under the retrains without F and the candidates, where it was held out. */
  pRetrainWithoutCarriers: number;
  /** It shares the forget sample's atypical pattern: its own label is kept only while the others are trained on. */
  confirmed: boolean;
  why: string;
}

/**
 * A carrier that really carries an atypical sample's influence is load-bearing for the same
 * pattern: held out together with the forget sample and the other candidates, its own label is
 * lost too. A typical same-class neighbour is still predicted from the rest of its class. This
 * needs no extra training: both retrains already predict every sample.
 */
export function carrierEvidence(candidate: CandidateCarrier, id: string, label: string, retrainSeeds: number[], withoutSeeds: number[]): CarrierEvidence {
  const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const pRetrain = round4(mean(retrainSeeds));
  const pWithout = round4(mean(withoutSeeds));
  const kept = keepsLabel(retrainSeeds);
  const lost = losesLabel(withoutSeeds);
  const similar = `same label, input cosine ${candidate.similarity.toFixed(3)}, model cosine ${candidate.modelSimilarity.toFixed(3)} (top in ${candidate.foundIn.join(' and ')} space)`;
  const why = kept && lost
    ? `${similar}; its own label p fell from ${pRetrain.toFixed(2)} to ${pWithout.toFixed(2)} once held out with the requested sample: it relies on the same pattern`
    : !kept
      ? `${similar}; not a carrier: the model does not hold its own label even when trained on it (p ${pRetrain.toFixed(2)})`
      : `${similar}; not a carrier: held out, its own label is still predicted (p ${pWithout.toFixed(2)}), so it is typical of the class`;
  return { id, label, similarity: candidate.similarity, modelSimilarity: candidate.modelSimilarity, foundIn: candidate.foundIn, pRetrain, pRetrainWithoutCarriers: pWithout, confirmed: kept && lost, why };
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
