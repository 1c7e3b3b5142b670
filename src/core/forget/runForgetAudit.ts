import { auditDataset } from '../audit/auditDataset';
import { loadDataset } from '../data/load';
import { activeBackend } from '../model/backend';
import { toDeviceData } from '../model/deviceData';
import { Mlp, describeArchitecture, sizeArchitecture } from '../model/mlp';
import { trainSubsetModelsInParallel } from '../model/parallelSubsetModels';
import { defaultTrainOptions, trainMlp } from '../model/train';
import { JobContext, report, throwIfCancelled } from '../progress';
import { deriveSeed } from '../util/random';
import { entanglementScore } from '../factors/entanglement';
import { predictAll } from '../model/predict';
import { auditEvidence } from './auditEvidence';
import { buildForgetReport } from './buildForgetReport';
import { evaluateAverage, evaluateModel } from './evaluation';
import { readForgetIds, resolveForgetIds } from './forgetIds';
import { forgetSplit } from './forgetSplit';
import { DEFAULT_FORGET_OPTIONS, ForgetAuditOptions } from './options';
import { rumOrdering, rumSteps, rumTiers, shuffledTiers } from './rum';
import { summariseTrainingRecord } from '../factors/trainingDynamics';
import { UnlearningRun, runUnlearning } from './runUnlearning';
import { AlgorithmName } from '../unlearn/types';
import { checkOverrides } from '../unlearn/algorithms';
import { RumRuns } from './buildForgetReport';
import { retrainWithoutCarriers } from './carrierRetrain';
import { ForgetReport } from './schema';
import { AuditSource, checkAuditMatches, readAuditFile } from './reusedAudit';
import { Dataset } from '../data/dataset';
import { AuditReport } from '../report/auditSchema';
import { initBackend } from '../model/backend';

/**
 * The forget-set audit: train the original model, retrain without the forget set (several
 * seeds), run each unlearning algorithm (and RUM), and judge every requested sample.
 */
export async function runForgetAudit(datasetPath: string, partial: Partial<ForgetAuditOptions> & { forgetFile: string }, ctx?: JobContext): Promise<ForgetReport> {
  const options: ForgetAuditOptions = { ...DEFAULT_FORGET_OPTIONS, ...partial };
  checkOverrides(options.params);
  const startedAt = new Date().toISOString();
  report(ctx, 'reading', 0);
  const { dataset } = await loadDataset(datasetPath, { label: options.label, id: options.id }, ctx);
  const requested = readForgetIds(options.forgetFile);
  const { indices: forgetIdx, missing } = resolveForgetIds(requested, dataset.ids, options.forgetFile, options.allowMissing);

  const { audit, source } = await obtainAudit(dataset, options, ctx);
  throwIfCancelled(ctx);

  const split = forgetSplit(dataset.y, forgetIdx, options);
  const trainIdx = Int32Array.from([...split.retainIdx, ...split.forgetIdx]).sort();
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const arch = sizeArchitecture(dataset.numFeatures, dataset.classes.length);
  const trainOptions = { ...defaultTrainOptions(trainIdx.length, options.seed), ...(options.epochs ? { epochs: options.epochs } : {}) };
  const original = Mlp.create(arch, options.seed);
  try {
    report(ctx, 'training', 0, 'original and retrained models');
    const retrainOutcomes = trainSubsetModelsInParallel(
      { X: dataset.X, y: dataset.y, numFeatures: dataset.numFeatures, numClasses: dataset.classes.length },
      arch,
      Array.from({ length: options.retrainSeeds }, () => split.retainIdx),
      trainOptions,
      deriveSeed(options.seed, 'retrain'),
      { workers: options.workers, backend: options.backend, queue: options.queue },
      (done) => report(ctx, 'training', done / options.retrainSeeds, `${done}/${options.retrainSeeds} retrained models`),
      ctx,
    );
    retrainOutcomes.catch(() => undefined);
    const originalStarted = performance.now();
    // RUM's fallback ranking needs the per-sample confidence recorded while the original trains.
    const record = await trainMlp(original, data, trainIdx, { ...trainOptions, record: options.rum }, ctx);
    const originalSeconds = (performance.now() - originalStarted) / 1000;
    const originalEvaluation = evaluateModel(original, data, split);
    const embeddings = predictAll(original, data, { embeddings: true });
    const forgetEntanglement = entanglementScore(embeddings.embeddings!, embeddings.embeddingDim, split.retainIdx, split.forgetIdx);
    const outcomes = await retrainOutcomes;
    const retrained = evaluateAverage(outcomes, split);
    const retrainSeconds = outcomes.reduce((s, o) => s + o.seconds, 0) / outcomes.length;

    // Counterfactual for the verdicts: retrain once more (same seeds) without F and its candidate carriers.
    report(ctx, 'training', 0, 'retrain without the candidate carriers');
    const carriers = await retrainWithoutCarriers(
      {
        host: { X: dataset.X, y: dataset.y, numFeatures: dataset.numFeatures, numClasses: dataset.classes.length },
        arch,
        split,
        retrainPTrue: outcomes.map((o) => o.pTrue),
        embeddings: { values: embeddings.embeddings!, dim: embeddings.embeddingDim },
        perSpace: options.carriersPerSpace,
        trainOptions,
        retrainSeed: deriveSeed(options.seed, 'retrain'),
        settings: { workers: options.workers, backend: options.backend },
        onModelDone: (done) => report(ctx, 'training', done / options.retrainSeeds, `${done}/${options.retrainSeeds} retrained without carriers`),
      },
      ctx,
    );
    throwIfCancelled(ctx);

    // The audit's memorization tells the held-out stopping rule how well a model that never saw F would do on it.
    const settings = { seed: options.seed, batchSize: trainOptions.batchSize, heldOutEvidence: auditEvidence(audit, dataset.ids) };
    const runs: UnlearningRun[] = [];
    for (const [k, algorithm] of options.algorithms.entries()) {
      report(ctx, 'unlearning', k / options.algorithms.length, algorithm);
      const steps = [{ algorithm, forgetIdx: split.forgetIdx, retainIdx: split.retainIdx, params: options.params[algorithm] }];
      runs.push(await runUnlearning(algorithm, original, steps, data, split, retrained.pTrue, settings, ctx));
    }
    let rum: RumRuns | null = null;
    if (options.rum) {
      report(ctx, 'unlearning', 1, 'RUM');
      const audited = new Map(audit.samples.map((s) => [s.id, s.factors.memorization]));
      const memorization = { memorization: (i: number) => audited.get(dataset.ids[i]) ?? null, mode: audit.settings.mode };
      const ordering = rumOrdering(split.forgetIdx, memorization, record && summariseTrainingRecord(record).confidence, trainIdx);
      const tiers = rumTiers(split.forgetIdx, ordering.memorization, ordering.centre);
      const rumRun = await runUnlearning('rum', original, rumSteps(tiers, trainIdx, options.rumRecipe), data, split, retrained.pTrue, settings, ctx);
      const control = await runUnlearning('rum-shuffled-control', original, rumSteps(shuffledTiers(tiers, options.seed), trainIdx, options.rumRecipe), data, split, retrained.pTrue, settings, ctx);
      // RUM is judged against its own algorithms run once on the whole forget set.
      const baselines: UnlearningRun[] = [];
      for (const algorithm of new Set(options.rumRecipe.filter((a): a is AlgorithmName => a !== 'none'))) {
        const steps = [{ algorithm, forgetIdx: split.forgetIdx, retainIdx: split.retainIdx, params: options.params[algorithm] }];
        baselines.push(runs.find((r) => r.name === algorithm) ?? (await runUnlearning(algorithm, original, steps, data, split, retrained.pTrue, settings, ctx)));
      }
      rum = { rum: rumRun, control, baselines, ordering, tierSizes: tiers.map((t) => t.length) };
    }
    report(ctx, 'writing', 0);
    return buildForgetReport({
      dataset,
      audit,
      options,
      split,
      requested: requested.length,
      missing,
      original: { evaluation: originalEvaluation, seconds: originalSeconds },
      forgetEntanglement,
      retrain: { evaluation: retrained, seconds: retrainSeconds, pTrue: outcomes.map((o) => o.pTrue) },
      carriers,
      runs,
      rum,
      model: {
        architecture: describeArchitecture(arch),
        backend: activeBackend()?.name ?? 'unknown',
        epochs: trainOptions.epochs,
        trainSamples: trainIdx.length,
        testSamples: split.testIdx.length,
      },
      auditSource: source,
      startedAt,
    });
  } finally {
    original.dispose();
    data.dispose();
  }
}

/**
 * The per-sample audit supplies difficulty, memorization and the near-duplicates of each sample:
 * the dataset's own audit.json when given (checked against the data and the splits), else one run now.
 */
async function obtainAudit(dataset: Dataset, options: ForgetAuditOptions, ctx?: JobContext): Promise<{ audit: AuditReport; source: AuditSource }> {
  if (options.auditFile) {
    const audit = readAuditFile(options.auditFile);
    checkAuditMatches(audit, dataset, options, options.auditFile);
    await initBackend(options.backend);
    return { audit, source: { origin: 'reused', path: options.auditFile, createdAt: audit.createdAt, settings: audit.settings } };
  }
  const audit = (await auditDataset(dataset, { mode: options.mode, seed: options.seed, testFraction: options.testFraction, backend: options.backend, epochs: options.epochs, workers: options.workers }, {}, ctx)).report;
  return { audit, source: { origin: 'run now', path: null, createdAt: audit.createdAt, settings: audit.settings } };
}
