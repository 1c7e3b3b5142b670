import type { AuditSample } from '../../report/auditSchema';
import { midRankPercentile } from '../../util/midRank';

/**
 * The inputs of the two calibrated predictions: factors the per-sample audit computes before any
 * deletion request, then three features of the request itself. calibrate/ fits on exactly these.
 * Each sample feature also exists as `<name>:rank`, its percentile among the dataset's trained
 * samples: comparable across datasets whose factor scales differ.
 */
export const SAMPLE_FEATURES = [
  'memorization',
  'lowConfidence',
  /** confidence − memorization ≈ p(label) of a model that never saw it: does a retrain keep the label? */
  'leaveOutConfidence',
  'similarSamples',
  'nearestSimilarity',
  /** Input similarity of the most similar same-label near-duplicate (0 without one). */
  'nearestSameLabel',
  'labelConflicts',
  'labelDisagreement',
  'entanglement',
  /** Share of its nearest neighbours in the model's feature space that carry another label. */
  'otherLabelNeighbours',
  /**
   * Same-label near-duplicates while its other neighbours carry another label: what the verdict
   * "cannot be removed by deletion alone" needs (the retrain keeps its label only through them).
   */
  'carriedAgainstNeighbours',
  'composite',
] as const;
export const REQUEST_FEATURES = ['requestSize', 'entanglementScore', 'neighboursInRequest'] as const;
export type SampleFeature = (typeof SAMPLE_FEATURES)[number];
export type FeatureValues = Record<string, number>;

export interface SampleFactorInputs {
  memorization: number | null;
  confidence: number | null;
  /** Same-label near-duplicates. */
  similarCount: number;
  nearestSimilarity: number | null;
  nearestSameLabelSimilarity: number | null;
  /** Near-duplicates under another label. */
  labelConflictCount: number;
  labelDisagreement: number;
  entanglement: number;
  /** Share of the k nearest in model space with another label (the entanglement factor's kNN part). */
  otherLabelShare: number;
  /** The hand-weighted factor composite. */
  composite: number;
}

export interface RequestInputs {
  /** |F|. */
  size: number;
  /** RUM's set-level Entanglement Score of F (null when the audit could not compute it). */
  entanglementScore: number | null;
  /** Share of F with another member of F among its near-duplicates. */
  neighboursInRequest: number;
}

/** Each sample feature's values over the dataset's trained samples, sorted: what `:rank` is taken against. */
export type FeatureContext = Record<SampleFeature, Float64Array>;

export function sampleInputsOf(s: AuditSample): SampleFactorInputs {
  const f = s.factors;
  return {
    memorization: f.memorization,
    confidence: f.confidence,
    similarCount: f.similarCount,
    nearestSimilarity: f.nearestSimilarity,
    nearestSameLabelSimilarity: f.similarities[0] ?? null,
    labelConflictCount: f.labelConflictIds?.length ?? 0,
    labelDisagreement: f.labelDisagreement,
    entanglement: f.entanglement,
    otherLabelShare: f.entanglementKnnShare,
    composite: s.compositeDifficulty ?? s.difficulty,
  };
}

export function rawSampleFeatures(f: SampleFactorInputs): Record<SampleFeature, number> {
  const memorization = f.memorization ?? 0;
  const confidence = f.confidence ?? 0;
  return {
    memorization,
    lowConfidence: f.confidence === null ? 0 : 1 - confidence,
    leaveOutConfidence: Math.max(0, Math.min(1, confidence - memorization)),
    similarSamples: Math.log2(1 + f.similarCount),
    nearestSimilarity: f.nearestSimilarity ?? 0,
    nearestSameLabel: f.nearestSameLabelSimilarity ?? 0,
    labelConflicts: Math.log2(1 + f.labelConflictCount),
    labelDisagreement: f.labelDisagreement,
    entanglement: f.entanglement,
    otherLabelNeighbours: f.otherLabelShare,
    // The near-duplicate pressure of the composite (1 − 0.5^count) times the stronger sign, in input or model space, that its class alone would not give it its label.
    carriedAgainstNeighbours: (1 - 0.5 ** f.similarCount) * Math.max(f.labelDisagreement, f.otherLabelShare),
    composite: f.composite,
  };
}

/** The rank context of one dataset, from its trained samples' inputs. */
export function featureContext(trained: SampleFactorInputs[]): FeatureContext {
  const raw = trained.map(rawSampleFeatures);
  return Object.fromEntries(SAMPLE_FEATURES.map((name) => [name, Float64Array.from(raw, (r) => r[name]).sort()])) as FeatureContext;
}

/** The context of an audit report: its trained samples with a memorization estimate. */
export function auditFeatureContext(samples: AuditSample[]): FeatureContext {
  return featureContext(samples.filter((s) => s.split === 'train' && s.factors.memorization !== null).map(sampleInputsOf));
}

export function requestFeatures(r: RequestInputs): FeatureValues {
  // ES is unbounded (hundreds on well-separated data): its logarithm keeps one request from dominating the fit.
  return { requestSize: Math.log2(Math.max(1, r.size)), entanglementScore: Math.log1p(Math.max(0, r.entanglementScore ?? 0)), neighboursInRequest: r.neighboursInRequest };
}

/** Every feature by name: raw, `:rank` within the dataset, and the request's (or reference values when no request is known). */
export function featureValues(f: SampleFactorInputs, context: FeatureContext, request: FeatureValues): FeatureValues {
  const raw = rawSampleFeatures(f);
  const out: FeatureValues = { ...raw, ...request };
  for (const name of SAMPLE_FEATURES) out[`${name}:rank`] = midRankPercentile(context[name], raw[name]);
  return out;
}

export function featureVector(names: readonly string[], values: FeatureValues): number[] {
  return names.map((name) => {
    const v = values[name];
    if (v === undefined) throw new Error(`calibration feature "${name}" is not computed (known: ${Object.keys(values).join(', ')})`);
    return v;
  });
}

/** Share of a request's samples that have another requested sample among their near-duplicates. */
export function neighboursInRequest(ids: string[], similarIdsOf: (id: string) => string[]): number {
  const requested = new Set(ids);
  const linked = ids.filter((id) => similarIdsOf(id).some((other) => other !== id && requested.has(other))).length;
  return ids.length ? linked / ids.length : 0;
}
