import { ForgetReport, ForgetSample } from './schema';

/** What the counterfactual retrain cost, in words for both reports. */
export function carrierRetrainText(r: ForgetReport): string {
  const c = r.carrierRetrain;
  if (c.models === 0) return 'The retrain without the candidate carriers was not needed: the retrains without the forget set lose every requested label.';
  return `The retrain without the candidate carriers (${c.models} ${c.models === 1 ? 'model' : 'models'}, the same seeds as the retrains; ${c.heldOut} retain samples held out besides the forget set, up to ${c.perSpace} per requested sample in each of input and model space, same label only) took ${c.seconds.toFixed(1)} s.`;
}

export interface SampleCarrierLines {
  id: string;
  verdict: string;
  /** One line per confirmed carrier: id and why. */
  confirmed: Array<{ id: string; why: string }>;
  /** Candidates without evidence of carrying it. */
  notConfirmed: number;
  /** The audit's near-duplicates still in the data, listed whatever the verdict. */
  nearDuplicates: string[];
}

/** Per requested sample with candidates or near-duplicates: the carriers with their evidence. */
export function sampleCarrierLines(r: ForgetReport): SampleCarrierLines[] {
  return r.samples
    .filter((s) => s.carriers.length > 0 || s.similarInRetain.length > 0)
    .map((s: ForgetSample) => ({
      id: s.id,
      verdict: s.verdict,
      confirmed: s.carriers.filter((c) => c.confirmed).map((c) => ({ id: c.id, why: c.why })),
      notConfirmed: s.carriers.filter((c) => !c.confirmed).length,
      nearDuplicates: s.similarInRetain.map((d) => `${d.id} (${d.similarity.toFixed(3)})`),
    }));
}

export function pWithoutCarriers(s: ForgetSample): string {
  return s.pRetrainWithoutCarriers === null ? '—' : s.pRetrainWithoutCarriers.toFixed(2);
}
