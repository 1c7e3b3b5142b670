import { Dataset } from '../data/dataset';
import { InputError } from '../errors';
import { initBackend } from '../model/backend';
import { DeviceData, toDeviceData } from '../model/deviceData';
import { Mlp, MlpArchitecture, describeArchitecture, sizeArchitecture } from '../model/mlp';
import { accuracyOn, predictAll } from '../model/predict';
import { defaultTrainOptions, trainMlp } from '../model/train';
import { predictWithOnnx } from '../model/onnxModel';
import { Predictions } from '../model/predict';
import { loadUserModel } from '../model/userModel';
import { JobContext, report } from '../progress';
import { AuditReport } from '../report/auditSchema';
import { buildAuditReport } from '../report/buildAuditReport';
import { factorSources } from '../report/factorSources';
import { computeFactors } from './computeFactors';
import { applyExternalOutputs } from './externalOutputs';
import { headMemorization } from './headMemorization';
import { MemorizationResult, finishMemorization, startMemorizationModels } from './estimateMemorization';
import { TrainingDynamics, summariseTrainingRecord } from '../factors/trainingDynamics';
import { AuditOptions, DEFAULT_AUDIT_OPTIONS } from './options';
import { TrainTestSplit, appendedTestSplit, heldOutSplit } from './splits';
import { Stopwatch } from './stopwatch';

export interface AuditResult {
  report: AuditReport;
  dataset: Dataset;
}

/** The audit of a dataset already in memory (and, optionally, a separate test set encoded like it). */
export async function auditDataset(
  dataset: Dataset,
  partial: Partial<AuditOptions> = {},
  extra: { testSet?: Dataset; clock?: Stopwatch } = {},
  ctx?: JobContext,
): Promise<AuditResult> {
  const options: AuditOptions = { ...DEFAULT_AUDIT_OPTIONS, ...partial };
  validateOptions(options);
  const { testSet } = extra;
  const clock = extra.clock ?? new Stopwatch();
  const backend = await initBackend(options.backend);
  const combined = testSet ? concatenate(dataset, testSet) : { X: dataset.X, y: dataset.y };
  const data = toDeviceData(combined.X, dataset.numFeatures, combined.y, dataset.classes.length);
  try {
    const split = testSet
      ? appendedTestSplit(dataset.ids.length, testSet.ids.length)
      : heldOutSplit(dataset.y, options.testFraction, options.seed);
    // Memorization's extra models train in worker threads while the original model trains here.
    const inner = linkedAbort(ctx);
    const plan = options.modelPath ? undefined : trainingPlan(dataset, split, options);
    const pending = plan
      ? startMemorizationModels({ X: combined.X, y: combined.y, numFeatures: dataset.numFeatures, numClasses: dataset.classes.length }, split, plan.arch, plan.trainOptions, options, inner.ctx)
      : undefined;
    let trained: ObtainedModel;
    let dynamics: TrainingDynamics | undefined;
    let memorization: MemorizationResult | undefined;
    try {
      trained = await obtainModel(data, { ...combined, dataset }, split, options, plan, inner.ctx);
      clock.lap('training');
      dynamics = trained.record ? summariseTrainingRecord(trained.record) : undefined;
      memorization = pending && dynamics ? await finishMemorization(pending, dynamics, split, options) : undefined;
      clock.lap('memorization');
    } catch (err) {
      inner.abort();
      throw err;
    } finally {
      inner.dispose();
    }

    const own = trained.predictions ?? predictAll(trained.model!, data, { embeddings: true });
    const modelName = trained.source === 'trained' ? `ForgetLens's ${trained.architecture}` : trained.architecture;
    const { predictions, sources } = applyExternalOutputs(
      own,
      { predictions: modelName, embeddings: trained.embeddingSource ? `${modelName}: ${trained.embeddingSource}` : modelName },
      { predProbs: options.predProbsPath, embeddings: options.embeddingsPath },
      dataset.classes,
    );
    if (!memorization) {
      memorization = await headMemorization(predictions, combined.y, split, options, sources.embeddings, ctx);
      clock.lap('memorization');
    }
    clock.lap('embeddings');

    const factors = await computeFactors(
      { dataset, data, split, predictions, dynamics, memorization, contentHashes: hashesFor(dataset, testSet) },
      options,
      clock,
      ctx,
    );

    report(ctx, 'writing', 0);
    const built = buildAuditReport({
      dataset,
      options,
      split,
      factors,
      memorization,
      model: {
        source: trained.source,
        backend: backend.name,
        backendNotes: backend.notes,
        architecture: trained.architecture,
        ...(trained.embeddingSource ? { embeddingSource: trained.embeddingSource } : {}),
        factorSources: factorSources({ ...sources, trainingRun: trained.record ? `${modelName} (its training run)` : null, memorization: memorization.method }),
        epochs: trained.epochs,
        testSource: testSet ? 'test file' : split.testIdx.length ? 'held-out split' : 'none',
        trainAccuracy: accuracyOn(own, data.y, split.trainIdx),
        testAccuracy: split.testIdx.length ? accuracyOn(own, data.y, split.testIdx) : null,
      },
      timings: clock.timings(),
    });
    trained.model?.dispose();
    return { report: built, dataset };
  } finally {
    data.dispose();
  }
}

interface ObtainedModel {
  source: 'trained' | 'loaded';
  /** Absent when the outputs were computed outside TensorFlow.js (an ONNX model): then `predictions` holds them. */
  model?: { forward: Mlp['forward']; embeddingDim: number; dispose(): void };
  predictions?: Predictions;
  embeddingSource?: string;
  architecture: string;
  epochs: number | null;
  record?: Awaited<ReturnType<typeof trainMlp>>;
}

interface TrainingPlan {
  arch: MlpArchitecture;
  trainOptions: ReturnType<typeof defaultTrainOptions>;
}

function trainingPlan(dataset: Dataset, split: TrainTestSplit, options: AuditOptions): TrainingPlan {
  return {
    arch: sizeArchitecture(dataset.numFeatures, dataset.classes.length),
    trainOptions: { ...defaultTrainOptions(split.trainIdx.length, options.seed), ...(options.epochs ? { epochs: options.epochs } : {}) },
  };
}

async function obtainModel(
  data: DeviceData,
  rows: { X: Float32Array; dataset: Dataset },
  split: TrainTestSplit,
  options: AuditOptions,
  plan: TrainingPlan | undefined,
  ctx?: JobContext,
): Promise<ObtainedModel> {
  const { dataset } = rows;
  if (!plan && isOnnx(options.modelPath!)) {
    const predictions = await predictWithOnnx(options.modelPath!, rows.X, dataset.numFeatures, dataset.classes.length, options.embeddingOutput);
    return { source: 'loaded', predictions, embeddingSource: predictions.embeddingSource, architecture: predictions.description, epochs: null };
  }
  if (!plan) {
    const loaded = await loadUserModel(options.modelPath!, dataset.numFeatures, dataset.classes.length);
    return { source: 'loaded', model: loaded, architecture: loaded.description, epochs: null };
  }
  const { arch, trainOptions } = plan;
  const model = Mlp.create(arch, options.seed);
  report(ctx, 'training', 0);
  const record = await trainMlp(
    model,
    data,
    split.trainIdx,
    { ...trainOptions, record: true, onEpoch: (fraction) => report(ctx, 'training', fraction) },
    ctx,
  );
  return { source: 'trained', model, architecture: describeArchitecture(arch), epochs: trainOptions.epochs, record };
}

function isOnnx(modelPath: string): boolean {
  return modelPath.toLowerCase().endsWith('.onnx');
}

/** A cancellation scope inside the caller's: aborted with it, or on its own when a sibling task fails. */
function linkedAbort(ctx?: JobContext): { ctx: JobContext; abort(): void; dispose(): void } {
  const controller = new AbortController();
  const onOuterAbort = () => controller.abort();
  ctx?.signal?.addEventListener('abort', onOuterAbort);
  if (ctx?.signal?.aborted) controller.abort();
  return {
    ctx: { onProgress: ctx?.onProgress, signal: controller.signal },
    abort: () => controller.abort(),
    dispose: () => ctx?.signal?.removeEventListener('abort', onOuterAbort),
  };
}

function concatenate(train: Dataset, test: Dataset): { X: Float32Array; y: Int32Array } {
  const X = new Float32Array(train.X.length + test.X.length);
  X.set(train.X, 0);
  X.set(test.X, train.X.length);
  const y = new Int32Array(train.y.length + test.y.length);
  y.set(train.y, 0);
  y.set(test.y, train.y.length);
  return { X, y };
}

function hashesFor(dataset: Dataset, testSet?: Dataset): string[] {
  return testSet ? [...dataset.contentHashes, ...testSet.contentHashes.map((h) => `test:${h}`)] : dataset.contentHashes;
}

function validateOptions(options: AuditOptions): void {
  if (!Number.isInteger(options.k) || options.k < 2) throw new InputError(`--k must be a whole number of at least 2 (got ${options.k})`);
  if (!Number.isInteger(options.seed)) throw new InputError(`--seed must be a whole number (got ${options.seed})`);
  if (!(options.testFraction >= 0 && options.testFraction <= 0.5)) {
    throw new InputError(`--test-fraction must be between 0 and 0.5 (got ${options.testFraction})`);
  }
  if (options.embeddingOutput && !(options.modelPath && isOnnx(options.modelPath))) {
    throw new InputError('--embedding-output names a value in an ONNX graph: it needs --model model.onnx');
  }
}
