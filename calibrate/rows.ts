import { AuditSample } from '../src/core/report/auditSchema';
import { FeatureValues, auditFeatureContext, featureValues, neighboursInRequest, requestFeatures, sampleInputsOf } from '../src/core/factors/calibration/features';
import { RESIDUAL_TOLERANCE, measuredPersistence, movingAlgorithms, standardAlgorithm } from '../src/core/factors/calibration/targets';
import { Collected } from './collect';

/** One requested sample in one simulated deletion: features before the request, what the deletion left behind. */
export interface FitRow {
  dataset: string;
  request: string;
  kind: string;
  seed: number;
  id: string;
  /** Every calibration feature by name (raw, `:rank` within the dataset, request), from the audit made before the request. */
  features: FeatureValues;
  /** Standard (recommended) algorithm's |residual| and whether it exceeds the tolerance; null: no algorithm moved F. */
  residual: number | null;
  /** Per moving algorithm: |residual|. */
  residualByAlgorithm: Record<string, number>;
  persistence: number;
  ineffectiveAlone: boolean;
  /** Baselines. */
  memorization: number;
  lowConfidence: number;
  oldDifficulty: number;
}

export function fitRows(collected: Collected): FitRow[] {
  const rows: FitRow[] = [];
  for (const outcome of collected.outcomes) {
    const run = collected.datasets.find((d) => outcome.key.startsWith(`${d.name}-`));
    const request = run?.requests.find((r) => r.key === outcome.key);
    if (!run || !request) continue;
    const byId = new Map<string, AuditSample>(run.audit.samples.map((s) => [s.id, s]));
    const context = auditFeatureContext(run.audit.samples);
    // F is the outcome's own sample list: the request as the engine received it.
    const requested = outcome.samples.map((s) => s.id);
    const requestValues = requestFeatures({
      size: requested.length,
      entanglementScore: outcome.entanglementScore,
      neighboursInRequest: neighboursInRequest(requested, (id) => byId.get(id)?.factors.similarIds ?? []),
    });
    const standard = standardAlgorithm(outcome.algorithms);
    const moving = movingAlgorithms(outcome.algorithms).map((a) => a.name);
    for (const s of outcome.samples) {
      const audited = byId.get(s.id);
      if (!audited) continue;
      const f = audited.factors;
      rows.push({
        dataset: run.name,
        request: outcome.key,
        kind: request.kind,
        seed: outcome.seed,
        id: s.id,
        features: featureValues(sampleInputsOf(audited), context, requestValues),
        residual: standard === null ? null : Math.abs(s.residual[standard]),
        residualByAlgorithm: Object.fromEntries(moving.map((name) => [name, Math.abs(s.residual[name])])),
        persistence: measuredPersistence(s.pOriginal, s.pRetrain, s.pRetrainWithoutCarriers),
        ineffectiveAlone: s.verdict === 'ineffective-alone',
        memorization: f.memorization ?? 0,
        lowConfidence: f.confidence === null ? 0 : 1 - f.confidence,
        oldDifficulty: audited.compositeDifficulty ?? audited.difficulty,
      });
    }
  }
  return rows;
}

export function leftBehind(residual: number): boolean {
  return residual > RESIDUAL_TOLERANCE;
}
