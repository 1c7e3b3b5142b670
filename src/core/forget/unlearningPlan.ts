import { summariseTrainingRecord } from '../factors/trainingDynamics';
import { activeBackend } from '../model/backend';
import { DeviceData } from '../model/deviceData';
import { Mlp, MlpArchitecture } from '../model/mlp';
import type { HostData } from '../model/parallelSubsetModels';
import type { TrainingRecord } from '../model/train';
import { JobContext, report } from '../progress';
import { UnlearningRequest, runUnlearningOnQueue } from '../queue/unlearnOnQueue';
import { AuditReport } from '../report/auditSchema';
import { AlgorithmName, HeldOutEvidence } from '../unlearn/types';
import { ForgetSplit } from './evaluation';
import { ForgetAuditOptions } from './options';
import { RumOrdering, rumOrdering, rumSteps, rumTiers, shuffledTiers } from './rum';
import { UnlearningRun, runUnlearning } from './runUnlearning';

/**
 * Every unlearning run of a forget audit, decided before any runs: each algorithm on the whole
 * forget set, then (with RUM) RUM, its shuffled control and those of its algorithms not run already.
 * They are independent of each other, so they can run in any order, or on a queue.
 */
export interface UnlearningPlan {
  requests: UnlearningRequest[];
  /** The first `algorithms` requests are the plain algorithms. */
  algorithms: number;
  rum: { ordering: RumOrdering; tierSizes: number[]; baselines: AlgorithmName[] } | null;
}

export function unlearningPlan(
  options: ForgetAuditOptions,
  split: ForgetSplit,
  trainIdx: Int32Array,
  audit: AuditReport,
  ids: string[],
  record: TrainingRecord | undefined,
): UnlearningPlan {
  const whole = (algorithm: AlgorithmName): UnlearningRequest => ({
    name: algorithm,
    steps: [{ algorithm, forgetIdx: split.forgetIdx, retainIdx: split.retainIdx, params: options.params[algorithm] }],
  });
  const requests = options.algorithms.map(whole);
  if (!options.rum) return { requests, algorithms: requests.length, rum: null };
  const audited = new Map(audit.samples.map((s) => [s.id, s.factors.memorization]));
  const memorization = { memorization: (i: number) => audited.get(ids[i]) ?? null, mode: audit.settings.mode };
  const ordering = rumOrdering(split.forgetIdx, memorization, record && summariseTrainingRecord(record).confidence, trainIdx);
  const tiers = rumTiers(split.forgetIdx, ordering.memorization, ordering.centre);
  const baselines = [...new Set(options.rumRecipe.filter((a): a is AlgorithmName => a !== 'none'))];
  const extra = baselines.filter((a) => !options.algorithms.includes(a)).map(whole);
  const rum = [
    { name: 'rum', steps: rumSteps(tiers, trainIdx, options.rumRecipe) },
    { name: 'rum-shuffled-control', steps: rumSteps(shuffledTiers(tiers, options.seed), trainIdx, options.rumRecipe) },
  ];
  return { requests: [...requests, ...rum, ...extra], algorithms: requests.length, rum: { ordering, tierSizes: tiers.map((t) => t.length), baselines } };
}

export interface UnlearningInputs {
  original: Mlp;
  arch: MlpArchitecture;
  data: DeviceData;
  host: HostData;
  split: ForgetSplit;
  pRetrain: Float32Array;
  settings: { seed: number; batchSize: number; heldOutEvidence?: HeldOutEvidence };
  options: Pick<ForgetAuditOptions, 'queue' | 'backend'>;
}

/** Run the plan's requests here one after another, or as jobs on the queue: the same runs either way. */
export async function runUnlearningRequests(requests: UnlearningRequest[], inputs: UnlearningInputs, ctx?: JobContext): Promise<UnlearningRun[]> {
  const { original, data, split, pRetrain, settings, options } = inputs;
  if (options.queue) {
    const onProgress = ({ done, total, workers }: { done: number; total: number; workers: number }) =>
      report(ctx, 'unlearning', done / Math.max(1, total), `${done}/${total} unlearning runs on the queue · ${workers} worker${workers === 1 ? '' : 's'} seen`);
    const shared = { arch: inputs.arch, weights: original.getWeights(), split, pRetrain, ...settings };
    const queue = { url: options.queue, backend: options.backend, expectedBackend: activeBackend()?.name, onProgress };
    return runUnlearningOnQueue(inputs.host, shared, requests, queue, ctx);
  }
  const runs: UnlearningRun[] = [];
  for (const [k, request] of requests.entries()) {
    report(ctx, 'unlearning', k / requests.length, request.name);
    runs.push(await runUnlearning(request.name, original, request.steps, data, split, pRetrain, settings, ctx));
  }
  return runs;
}
