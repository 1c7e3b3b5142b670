/**
 * The inputs of the two calibrated predictions: factors the per-sample audit computes before any
 * deletion request, then three features of the request itself. calibrate/ fits on exactly these.
 */
export const SAMPLE_FEATURES = ['memorization', 'lowConfidence', 'similarSamples', 'nearestSimilarity', 'labelDisagreement', 'entanglement'] as const;
export const REQUEST_FEATURES = ['requestSize', 'entanglementScore', 'neighboursInRequest'] as const;
export const CALIBRATION_FEATURES = [...SAMPLE_FEATURES, ...REQUEST_FEATURES];

export interface SampleFactorInputs {
  memorization: number | null;
  confidence: number | null;
  similarCount: number;
  nearestSimilarity: number | null;
  labelDisagreement: number;
  entanglement: number;
}

export interface RequestInputs {
  /** |F|. */
  size: number;
  /** RUM's set-level Entanglement Score of F (null when the audit could not compute it). */
  entanglementScore: number | null;
  /** Share of F with another member of F among its near-duplicates. */
  neighboursInRequest: number;
}

export function sampleFeatureRow(f: SampleFactorInputs): number[] {
  return [
    f.memorization ?? 0,
    f.confidence === null ? 0 : 1 - f.confidence,
    Math.log2(1 + f.similarCount),
    f.nearestSimilarity ?? 0,
    f.labelDisagreement,
    f.entanglement,
  ];
}

export function requestFeatureRow(r: RequestInputs): number[] {
  // ES is unbounded (hundreds on well-separated data): its logarithm keeps one request from dominating the fit.
  return [Math.log2(Math.max(1, r.size)), Math.log1p(Math.max(0, r.entanglementScore ?? 0)), r.neighboursInRequest];
}

/** Share of a request's samples that have another requested sample among their near-duplicates. */
export function neighboursInRequest(ids: string[], similarIdsOf: (id: string) => string[]): number {
  const requested = new Set(ids);
  const linked = ids.filter((id) => similarIdsOf(id).some((other) => other !== id && requested.has(other))).length;
  return ids.length ? linked / ids.length : 0;
}
