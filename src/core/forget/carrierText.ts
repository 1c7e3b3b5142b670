import { labelConflictText } from './labelConflicts';
import { ForgetReport, ForgetSample } from './schema';

/** What the counterfactual retrain cost, in words for both reports. */
export function carrierRetrainText(r: ForgetReport): string {
  const c = r.carrierRetrain;
  if (c.models === 0) return 'The retrain without the candidate carriers was not needed: the retrains without the forget set lose every requested label.';
  const share = c.heldOutShare === undefined ? '' : ` (${(c.heldOutShare * 100).toFixed(1)} % of the retain set, capped at ${((c.maxHeldOutShare ?? 0) * 100).toFixed(0)} %)`;
  const capped = c.capped ? ` ${c.capped} requested ${c.capped === 1 ? 'sample' : 'samples'} whose label the retrains keep ${c.capped === 1 ? 'was' : 'were'} not tested: the cap was reached by samples with closer neighbours; their verdict rests on the retrain without the forget set alone.` : '';
  return `The retrain without the candidate carriers (${c.models} ${c.models === 1 ? 'model' : 'models'}, the same seeds as the retrains; ${c.heldOut} retain samples held out besides the forget set${share}, up to ${c.perSpace} per tested sample in each of input and model space, same label only) took ${c.seconds.toFixed(1)} s.${capped}`;
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
  /** Near-copies with another label, in words: not carriers, they make deletion easier. */
  labelConflicts: string[];
}

/** Per requested sample with candidates or near-duplicates: the carriers with their evidence. */
export function sampleCarrierLines(r: ForgetReport): SampleCarrierLines[] {
  return r.samples
    .filter((s) => s.carriers.length > 0 || s.similarInRetain.length > 0 || (s.labelConflicts?.length ?? 0) > 0)
    .map((s: ForgetSample) => ({
      id: s.id,
      verdict: s.verdict,
      confirmed: s.carriers.filter((c) => c.confirmed).map((c) => ({ id: c.id, why: c.why })),
      notConfirmed: s.carriers.filter((c) => !c.confirmed).length,
      nearDuplicates: s.similarInRetain.map((d) => `${d.id} (${d.similarity.toFixed(3)})`),
      labelConflicts: (s.labelConflicts ?? []).map((c) => labelConflictText({ ...c, similarity: c.similarity ?? NaN })),
    }));
}

export function pWithoutCarriers(s: ForgetSample): string {
  return s.pRetrainWithoutCarriers === null ? '—' : s.pRetrainWithoutCarriers.toFixed(2);
}
