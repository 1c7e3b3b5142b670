import * as crypto from 'node:crypto';
import { Dataset } from '../data/dataset';
import { tugOfWar, tugOfWarMia } from '../metrics/tow';
import { AuditReport, AuditSample } from '../report/auditSchema';
import { residualRiskByAlgorithm } from '../factors/calibratedDifficulty';
import { FeatureContext, RequestInputs, auditFeatureContext, neighboursInRequest, sampleInputsOf } from '../factors/calibration/features';
import { AuditSource } from './reusedAudit';
import { mean, spearman } from '../util/stats';
import { TOOL_NAME, TOOL_VERSION } from '../version';
import { ForgetSplit, ModelEvaluation } from './evaluation';
import { DEFAULT_FORGET_OPTIONS, ForgetAuditOptions } from './options';
import { FORGOTTEN_TOLERANCE } from './forgettingTracker';
import { UnlearningRun } from './runUnlearning';
import { FORGET_SCHEMA_VERSION, ForgetReport, ForgetSample, validateForgetReport } from './schema';
import { similarInRetain } from './similarInRetain';
import { labelConflictsOf } from './labelConflicts';
import { decideVerdict } from './verdicts';
import { CarrierRetrain, classStillLearnt } from './carrierRetrain';
import { carrierEvidence } from './carrierEvidence';
import { summaryText } from './summaryText';
import { RumOrdering } from './rum';

/** RUM, its shuffled-split control, and its algorithms run once on the whole forget set. */
export interface RumRuns {
  rum: UnlearningRun;
  control: UnlearningRun;
  baselines: UnlearningRun[];
  /** What the tiers were scored by. */
  ordering: RumOrdering;
  /** Samples in the low, medium and high tiers. */
  tierSizes: number[];
}

export interface ForgetReportInputs {
  dataset: Dataset;
  audit: AuditReport;
  options: ForgetAuditOptions;
  split: ForgetSplit;
  requested: number;
  missing: string[];
  original: { evaluation: ModelEvaluation; seconds: number };
  /** RUM's Entanglement Score of the forget set against the retain set, in the original model's embedding. */
  forgetEntanglement: number;
  /** pTrue: p(label) for every sample under each retrain seed. */
  retrain: { evaluation: ModelEvaluation; seconds: number; pTrue: Float32Array[] };
  carriers: CarrierRetrain;
  runs: UnlearningRun[];
  rum: RumRuns | null;
  model: ForgetReport['model'];
  auditSource: AuditSource;
  startedAt: string;
}

export function buildForgetReport(inputs: ForgetReportInputs): ForgetReport {
  const { dataset, split, runs, retrain } = inputs;
  const samples = forgetSamples(inputs);
  const forgetIds = Array.from(split.forgetIdx, (i) => dataset.ids[i]);
  const counts = {
    forgettable: samples.filter((s) => s.verdict === 'forgettable').length,
    hard: samples.filter((s) => s.verdict === 'hard').length,
    ineffectiveAlone: samples.filter((s) => s.verdict === 'ineffective-alone').length,
    overForgotten: samples.filter((s) => Object.values(s.outcome).includes('over-forgotten')).length,
  };
  const alsoConsiderDeleting = alsoDelete(samples);
  const report: ForgetReport = {
    schemaVersion: FORGET_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    startedAt: inputs.startedAt,
    finishedAt: new Date().toISOString(),
    dataset: { path: dataset.path, sha256: dataset.sha256, rows: dataset.ids.length, classes: dataset.classes },
    forget: {
      file: inputs.options.forgetFile,
      ids: forgetIds,
      sha256: crypto.createHash('sha256').update(forgetIds.join('\n')).digest('hex'),
      requested: inputs.requested,
      missing: inputs.missing,
      entanglementScore: Number.isFinite(inputs.forgetEntanglement) ? round4(inputs.forgetEntanglement) : null,
      meanMemorization: finiteOrNull(mean(samples.map((s) => s.memorization ?? NaN))),
    },
    model: inputs.model,
    auditSource: inputs.auditSource,
    settings: {
      seed: inputs.options.seed,
      retrainSeeds: inputs.options.retrainSeeds,
      algorithms: inputs.options.algorithms,
      rum: inputs.options.rum,
      forgottenTolerance: FORGOTTEN_TOLERANCE,
    },
    protocol: {
      validationSize: split.validationIdx.length,
      validationFrom: 'retain',
      validationHeldOutFromTraining: true,
      testUsedFor: 'reporting only',
      budget: 'optimiser steps',
    },
    original: metricsOf(inputs.original.evaluation, inputs.original.seconds),
    retrain: metricsOf(retrain.evaluation, retrain.seconds),
    carrierRetrain: {
      perSpace: inputs.carriers.perSpace,
      heldOut: inputs.carriers.heldOut,
      heldOutShare: round4(inputs.carriers.heldOut / Math.max(1, inputs.carriers.retainSize)),
      maxHeldOutShare: inputs.carriers.maxHeldOutShare,
      tested: inputs.carriers.test.filter((t) => t === 'tested').length,
      capped: inputs.carriers.test.filter((t) => t === 'capped').length,
      models: inputs.carriers.pTrue?.length ?? 0,
      seconds: round4(inputs.carriers.seconds),
      classCheck: inputs.carriers.classCheck.map((c, k) => ({ label: dataset.classes[k], pRetrain: finiteOrNull(c.pRetrain), pRetrainWithoutCarriers: finiteOrNull(c.pRetrainWithoutCarriers) })),
    },
    algorithms: runs.map((run) => unlearnedMetrics(run, retrain)),
    rum: inputs.rum
      ? {
          recipe: inputs.options.rumRecipe,
          split: `tiers by ${inputs.rum.ordering.source}: medium the ${inputs.rum.tierSizes[1]} closest to ${round4(inputs.rum.ordering.centre)}, low (${inputs.rum.tierSizes[0]}) and high (${inputs.rum.tierSizes[2]}) below and above them, unlearned low to high; control: random tiers of the same sizes`,
          estimate: inputs.rum.ordering.estimate,
          tierSizes: inputs.rum.tierSizes,
          rum: unlearnedMetrics(inputs.rum.rum, retrain),
          control: unlearnedMetrics(inputs.rum.control, retrain),
          baselines: inputs.rum.baselines.map((run) => unlearnedMetrics(run, retrain)),
        }
      : null,
    samples,
    prediction: {
      spearman: Object.fromEntries(runs.map((run) => [run.name, finiteOrNull(spearman(samples.map((s) => s.difficulty), samples.map((s) => s.residual[run.name])))])),
      ...pairwiseAgreement(samples, runs.map((r) => r.name)),
    },
    summary: { text: '', ...counts, alsoConsiderDeleting },
    reproduce: reproduceCommand(inputs),
  };
  report.summary.text = summaryText(report);
  return validateForgetReport(report);
}

/** Confirmed carriers of the samples whose deletion alone does not work, strongest evidence first, once each. */
function alsoDelete(samples: ForgetSample[]): string[] {
  const confirmed = samples.filter((s) => s.verdict === 'ineffective-alone').flatMap((s) => s.carriers.filter((c) => c.confirmed));
  confirmed.sort((a, b) => b.pRetrain - b.pRetrainWithoutCarriers - (a.pRetrain - a.pRetrainWithoutCarriers) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...new Set(confirmed.map((c) => c.id))];
}

/** The calibrated risk, for this request, of each algorithm run here that the calibration could fit. */
function riskPerAlgorithm(audited: AuditSample, context: FeatureContext, request: RequestInputs, names: string[]): Record<string, number> {
  if (audited.factors.memorization === null || audited.split === 'test') return {};
  const risk = residualRiskByAlgorithm(sampleInputsOf(audited), context, request);
  return Object.fromEntries(Object.entries(risk).filter(([name]) => names.includes(name)));
}

function forgetSamples(inputs: ForgetReportInputs): ForgetSample[] {
  const { dataset, split, runs, audit, original, retrain, carriers } = inputs;
  const seedsOf = (models: Float32Array[] | null, i: number) => (models ?? []).map((p) => round4(p[i]));
  const auditById = new Map(audit.samples.map((s) => [s.id, s]));
  const forgetIds = new Set(Array.from(split.forgetIdx, (i) => dataset.ids[i]));
  const retainIds = new Set(Array.from(split.retainIdx, (i) => dataset.ids[i]));
  const request = {
    size: split.forgetIdx.length,
    entanglementScore: Number.isFinite(inputs.forgetEntanglement) ? inputs.forgetEntanglement : null,
    neighboursInRequest: neighboursInRequest([...forgetIds], (id) => auditById.get(id)?.factors.similarIds ?? []),
  };
  const context = auditFeatureContext(audit.samples);
  return Array.from(split.forgetIdx, (i, k): ForgetSample => {
    const id = dataset.ids[i];
    const audited = auditById.get(id)!;
    const pOriginal = original.evaluation.pTrue[i];
    const pRetrain = retrain.evaluation.pTrue[i];
    const pUnlearned = Object.fromEntries(runs.map((r) => [r.name, round4(r.evaluation.pTrue[i])]));
    const residual = Object.fromEntries(runs.map((r) => [r.name, round4(r.evaluation.pTrue[i] - pRetrain)]));
    const similar = similarInRetain(audited, forgetIds, retainIds);
    const pRetrainSeeds = seedsOf(retrain.pTrue, i);
    const withoutSeeds = seedsOf(carriers.pTrue, i);
    const evaluated = carriers.candidates[k].map((c) =>
      carrierEvidence(c, dataset.ids[c.index], dataset.classes[dataset.y[c.index]], seedsOf(retrain.pTrue, c.index), seedsOf(carriers.pTrue, c.index)),
    );
    const tested = evaluated.length > 0 && withoutSeeds.length > 0;
    const classOk = classStillLearnt(carriers.classCheck[dataset.y[i]], FORGOTTEN_TOLERANCE);
    const { verdict, evidence, outcome } = decideVerdict({ pOriginal, retrainSeeds: pRetrainSeeds, withoutCarriersSeeds: tested ? withoutSeeds : null, carriers: evaluated, capped: carriers.test[k] === 'capped', classStillLearnt: classOk, residual });
    return {
      id,
      source: dataset.sources[i],
      label: dataset.classes[dataset.y[i]],
      verdict,
      evidence,
      difficulty: audited.difficulty,
      memorization: audited.factors.memorization,
      pOriginal: round4(pOriginal),
      pRetrain: round4(pRetrain),
      pRetrainSeeds,
      pRetrainWithoutCarriers: tested ? round4(mean(withoutSeeds)) : null,
      pRetrainWithoutCarriersSeeds: tested ? withoutSeeds : [],
      carriers: evaluated,
      carrierTest: carriers.test[k],
      outcome,
      pUnlearned,
      residual,
      residualRisk: riskPerAlgorithm(audited, context, request, runs.map((r) => r.name)),
      stepsUntilForgotten: Object.fromEntries(runs.map((r) => [r.name, r.stepsUntilForgotten[k]])),
      epochsUntilForgotten: Object.fromEntries(runs.map((r) => [r.name, r.epochsUntilForgotten[k]])),
      similarInRetain: similar,
      labelConflicts: labelConflictsOf(audited, (other) => auditById.get(other)?.label).map((c) => ({ ...c, similarity: finiteOrNull(c.similarity) })),
    };
  });
}

function metricsOf(e: ModelEvaluation, seconds: number) {
  return { forgetAcc: finiteOrNull(e.accuracy.forget), retainAcc: finiteOrNull(e.accuracy.retain), testAcc: finiteOrNull(e.accuracy.test), mia: finiteOrNull(e.mia), seconds: round4(seconds) };
}

function unlearnedMetrics(run: UnlearningRun, retrain: { evaluation: ModelEvaluation; seconds: number }) {
  const e = run.evaluation;
  return {
    name: run.name,
    ...metricsOf(e, run.seconds),
    tow: round4(tugOfWar(e.accuracy, retrain.evaluation.accuracy)),
    towMia: Number.isFinite(e.mia) ? round4(tugOfWarMia(e.accuracy, retrain.evaluation.accuracy, e.mia, retrain.evaluation.mia)) : null,
    relativeTime: round4(run.seconds / Math.max(1e-9, retrain.seconds)),
    params: run.params,
  };
}

/** Spearman correlation of the per-sample residuals between every pair of algorithms, and their mean. */
function pairwiseAgreement(samples: ForgetSample[], names: string[]): { algorithmAgreement: number | null; algorithmPairs: Record<string, number | null> } {
  const algorithmPairs: Record<string, number | null> = {};
  for (let a = 0; a < names.length; a++) {
    for (let b = a + 1; b < names.length; b++) {
      algorithmPairs[`${names[a]}~${names[b]}`] = finiteOrNull(spearman(samples.map((s) => s.residual[names[a]]), samples.map((s) => s.residual[names[b]])));
    }
  }
  const values = Object.values(algorithmPairs).filter((v): v is number => v !== null);
  return { algorithmAgreement: values.length ? round4(values.reduce((x, y) => x + y, 0) / values.length) : null, algorithmPairs };
}

export function reproduceCommand(inputs: Pick<ForgetReportInputs, 'dataset' | 'options'>): string {
  const o = inputs.options;
  const parts = ['npx forgetlens forget', JSON.stringify(inputs.dataset.path), '--forget', JSON.stringify(o.forgetFile), '--seed', String(o.seed), '--algorithms', o.algorithms.join(',')];
  parts.push('--retrain-seeds', String(o.retrainSeeds));
  if (o.testFraction !== DEFAULT_FORGET_OPTIONS.testFraction) parts.push('--test-fraction', String(o.testFraction));
  if (o.rum) parts.push('--rum', '--rum-recipe', o.rumRecipe.join(','));
  if (o.auditFile) parts.push('--audit', JSON.stringify(o.auditFile));
  else if (o.mode !== 'fast') parts.push('--mode', o.mode);
  for (const [algorithm, params] of Object.entries(o.params)) {
    for (const [name, value] of Object.entries(params ?? {})) parts.push('--param', `${algorithm}.${name}=${value}`);
  }
  if (o.label) parts.push('--label', JSON.stringify(o.label));
  if (o.id) parts.push('--id', JSON.stringify(o.id));
  if (o.allowMissing) parts.push('--allow-missing');
  if (o.carriersPerSpace !== DEFAULT_FORGET_OPTIONS.carriersPerSpace) parts.push('--carriers', String(o.carriersPerSpace));
  if (o.epochs) parts.push('--epochs', String(o.epochs));
  return parts.join(' ');
}

function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? round4(v) : null;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
