import { Dataset } from '../data/dataset';
import { FACTOR_WEIGHTS, scoreDifficulty } from '../factors/difficulty';
import { CALIBRATED_FROM } from '../factors/calibratedDifficulty';
import { applyCalibration, difficultyFunction } from '../factors/applyCalibration';
import type { ComputedFactors } from '../audit/computeFactors';
import type { MemorizationResult } from '../audit/estimateMemorization';
import { AuditOptions, HARD_THRESHOLD, MEMORIZED_THRESHOLD } from '../audit/options';
import { TrainTestSplit } from '../audit/splits';
import { percentiles } from '../factors/memorizationScale';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { AUDIT_SCHEMA_VERSION, AuditReport, AuditSample, validateAuditReport } from './auditSchema';


export interface ReportInputs {
  dataset: Dataset;
  options: AuditOptions;
  split: TrainTestSplit;
  factors: ComputedFactors;
  memorization?: MemorizationResult;
  model: Omit<AuditReport['model'], 'seed' | 'trainSamples' | 'testSamples'>;
  timings: Record<string, number>;
}

/** Assemble, rank and validate the audit report. Deterministic apart from `createdAt` and `timings`. */
export function buildAuditReport(inputs: ReportInputs): AuditReport {
  const { dataset, options, split, factors } = inputs;
  const samples = dataset.ids.map((_, i) => sampleEntry(inputs, i));
  const ranks = percentiles(samples.map((s) => s.factors.memorization));
  samples.forEach((s, i) => (s.factors.memorizationPercentile = ranks[i]));
  applyCalibration(samples);
  samples.sort((a, b) => b.difficulty - a.difficulty || a.rank - b.rank);
  samples.forEach((s, r) => (s.rank = r + 1));
  const report: AuditReport = {
    schemaVersion: AUDIT_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    createdAt: new Date().toISOString(),
    dataset: {
      path: dataset.path,
      sha256: dataset.sha256,
      format: dataset.format,
      rows: dataset.ids.length,
      features: dataset.numFeatures,
      classes: dataset.classes,
      labelColumn: dataset.labelColumn,
      idColumn: dataset.idColumn,
      missingValues: dataset.missingValues,
      columns: dataset.columns,
      ...(dataset.reading ? { reading: dataset.reading } : {}),
    },
    model: {
      ...inputs.model,
      seed: options.seed,
      trainSamples: split.trainIdx.length,
      testSamples: split.testIdx.length,
    },
    settings: {
      mode: options.mode,
      k: options.mode === 'thorough' ? options.k : null,
      seed: options.seed,
      testFraction: options.testFile ? 0 : options.testFraction,
      similarity: { ...options.similarity, inputEffective: factors.thresholds.input },
      neighbours: options.neighbours,
      factorWeights: FACTOR_WEIGHTS,
      difficultyFunction: difficultyFunction(),
    },
    diagnostics: {
      unavailableFactors: unavailableFactors(inputs),
      inputSearch: factors.inputSearch,
      embeddingSearch: factors.embeddingSearch,
      nearDuplicates: factors.nearDuplicates,
      memorizationMethod: inputs.memorization?.method ?? 'unavailable: the model was loaded, not trained here',
      memorizationScale: inputs.model.source === 'loaded' ? 'head' : 'model',
      proxyVsMemorizationSpearman: inputs.memorization?.proxySpearman ?? null,
    },
    timings: inputs.timings,
    summary: {
      meanDifficulty: round4(samples.reduce((sum, s) => sum + s.difficulty, 0) / samples.length),
      hard: samples.filter((s) => s.difficulty >= HARD_THRESHOLD).length,
      withSimilarSamples: samples.filter((s) => s.factors.similarCount > 0).length,
      withLabelConflicts: samples.filter((s) => (s.factors.labelConflictIds?.length ?? 0) > 0).length,
      memorized: samples.filter((s) => (s.factors.memorization ?? 0) >= MEMORIZED_THRESHOLD).length,
      cannotRemoveByDeletion: samples.filter((s) => (s.factors.persistence ?? 0) >= CALIBRATED_FROM).length,
      needsStrongUnlearning: samples.filter((s) => (s.factors.residualRisk ?? 0) >= CALIBRATED_FROM).length,
    },
    samples,
  };
  return validateAuditReport(report);
}

function sampleEntry(inputs: ReportInputs, i: number): AuditSample {
  const { dataset, split, factors, memorization } = inputs;
  const d = factors.dynamics;
  const similarList = factors.similar.neighbours[i].filter((s) => s.index < dataset.ids.length);
  const conflicts = factors.similar.labelConflicts[i].filter((s) => s.index < dataset.ids.length);
  const heldOut = !split.trainMask[i];
  const mem = num(memorization?.memorization[i]);
  const fractionCorrect = num(d?.fractionCorrect[i]);
  const forgettingEvents = num(d?.forgettingEvents[i]);
  const scored = scoreDifficulty({
    memorization: mem,
    memorizationScale: inputs.model.source === 'loaded' ? 'head' : 'model',
    similarCount: factors.similar.count[i],
    similarCountCapped: factors.similar.countCapped[i] === 1,
    exactDuplicates: factors.similar.exactDuplicates[i],
    entanglement: factors.entanglement.score[i],
    entanglementKnnShare: factors.entanglement.knnOtherLabelShare[i],
    labelDisagreement: factors.labelDisagreement[i],
    fractionCorrect,
    forgettingEvents,
    heldOut,
  });
  return {
    id: dataset.ids[i],
    source: dataset.sources[i],
    label: dataset.classes[dataset.y[i]],
    split: heldOut ? 'test' : 'train',
    // Provisional: the dataset order breaks ties; replaced by the rank after sorting.
    rank: i + 1,
    // The composite until applyCalibration's second pass (it needs every sample's factors to rank them).
    difficulty: scored.difficulty,
    compositeDifficulty: scored.difficulty,
    drivenBy: 'composite',
    reasons: scored.reasons,
    contributions: scored.contributions,
    preview: dataset.previews[i],
    factors: {
      memorization: mem,
      memorizationSoft: num(memorization?.memorizationSoft?.[i]),
      memorizationCrossFit: num(memorization?.crossFit?.[i]),
      // Set once every sample's memorization is known (buildAuditReport).
      memorizationPercentile: null,
      confidence: num(d?.confidence[i]),
      maxConfidence: num(d?.maxConfidence[i]),
      negEntropy: num(d?.negEntropy[i]),
      fractionCorrect,
      entanglement: round4(factors.entanglement.score[i]),
      entanglementKnnShare: round4(factors.entanglement.knnOtherLabelShare[i]),
      entanglementCentroidRatio: num(factors.entanglement.centroidRatio[i]),
      similarCount: factors.similar.count[i],
      similarCountCapped: factors.similar.countCapped[i] === 1,
      exactDuplicates: factors.similar.exactDuplicates[i],
      nearestSimilarity: num(factors.nearestSimilarity[i]),
      similarIds: similarList.map((s) => dataset.ids[s.index]),
      similarities: similarList.map((s) => s.similarity),
      labelConflictIds: conflicts.map((s) => dataset.ids[s.index]),
      labelConflictSimilarities: conflicts.map((s) => s.similarity),
      margin: round4(factors.instance.margin[i]),
      loss: round4(factors.instance.loss[i]),
      gradNorm: round4(factors.instance.gradNorm[i]),
      cumulativeGradNormSq: num(d?.cumulativeGradNormSq[i]),
      firstLearnedEpoch: num(d?.firstLearnedEpoch[i]),
      forgettingEvents,
      variability: num(d?.variability[i]),
      labelDisagreement: round4(factors.labelDisagreement[i]),
      predictedLabel: dataset.classes[factors.instance.predicted[i]],
      residualRisk: null,
      persistence: null,
    },
  };
}

function unavailableFactors(inputs: ReportInputs): Array<{ factor: string; why: string }> {
  const out: Array<{ factor: string; why: string }> = [];
  if (!inputs.memorization) out.push({ factor: 'memorization', why: 'no memorization estimate was made' });
  if (!inputs.factors.dynamics) {
    const why = 'needs the training run: the model was loaded, not trained by ForgetLens';
    for (const factor of ['confidence', 'fractionCorrect', 'forgettingEvents', 'firstLearnedEpoch', 'variability', 'cumulativeGradNormSq']) {
      out.push({ factor, why });
    }
  }
  if (inputs.split.testIdx.length > 0 && !inputs.options.testFile) {
    out.push({ factor: 'memorization (held-out samples)', why: `${inputs.split.testIdx.length} samples were held out for test metrics; training-run factors are null for them` });
  }
  return out;
}

/** JSON has no NaN: unknown values become null; known ones are rounded to 4 decimals. */
function num(v: number | undefined): number | null {
  return v === undefined || !Number.isFinite(v) ? null : round4(v);
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
