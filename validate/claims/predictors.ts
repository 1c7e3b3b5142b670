import { ForgetSample } from '../../src/core/forget/schema';
import { AuditSample } from '../../src/core/report/auditSchema';
import { DatasetKey } from '../data/sources';

/**
 * A per-sample score judged on how well it ranks what unlearning leaves behind. To judge a new
 * score (e.g. a calibrated residual risk), add one entry: it gets its own rows in the FL claim.
 */
export interface Predictor {
  name: string;
  /** What it is, for the table. */
  label: string;
  /** 'subject': the score the claim is about; 'baseline': what it must beat; 'candidate': judged the same way, not part of the verdict. */
  kind: 'subject' | 'baseline' | 'candidate';
  /** Datasets its weights or coefficients were fitted on: it is never judged there (held-out datasets only). */
  fittedOn: DatasetKey[];
  /** Higher: more left behind is predicted. `audited` is the sample in the thorough audit of the same data and seed. */
  score(sample: ForgetSample, audited: AuditSample | undefined): number | null;
}

export const PREDICTORS: Predictor[] = [
  // Hand-weighted: no dataset was fitted.
  { name: 'difficulty', label: "the audit's difficulty", kind: 'subject', fittedOn: [], score: (s) => s.difficulty },
  { name: 'memorization', label: "memorization alone (the forget audit's own estimate)", kind: 'baseline', fittedOn: [], score: (s) => s.memorization },
  { name: 'confidence', label: '1 − confidence alone (the one-run proxy)', kind: 'baseline', fittedOn: [], score: (_, a) => (a?.factors.confidence == null ? null : 1 - a.factors.confidence) },
  { name: 'memorization-thorough', label: 'thorough memorization (K subsample models) alone', kind: 'candidate', fittedOn: [], score: (_, a) => a?.factors.memorization ?? null },
];
