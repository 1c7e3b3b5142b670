import * as path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { runForgetAudit } from '../core/forget/runForgetAudit';
import { DEFAULT_RUM_RECIPE, RumRecipe } from '../core/forget/rum';
import { writeForgetReport } from '../core/forget/writeForgetReport';
import { isAlgorithmName } from '../core/unlearn/algorithms';
import { ALGORITHM_NAMES, AlgorithmName, HyperParameters } from '../core/unlearn/types';
import { parseQueueUrl } from '../core/queue/connection';
import { AuditMode } from '../core/audit/options';
import { runJob } from './job';
import { fraction, wholeNumber } from './parsers';

interface ForgetFlags {
  forget: string;
  audit?: string;
  algorithms: AlgorithmName[];
  rum: boolean;
  rumRecipe: RumRecipe;
  seed: number;
  testFraction: number;
  mode: AuditMode;
  out: string;
  allowMissing: boolean;
  label?: string;
  id?: string;
  retrainSeeds: number;
  carriers: number;
  epochs?: number;
  workers?: number;
  queue?: string;
  backend: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  progress: boolean;
  param: Partial<Record<AlgorithmName, HyperParameters>>;
}

export function registerForgetCommand(program: Command): void {
  program
    .command('forget')
    .description('audit a deletion request: run real unlearning, compare with retraining, judge every requested sample; writes DIR/forget-audit.{json,md,html}')
    .argument('<dataset>', 'the dataset the model was trained on')
    .requiredOption('--forget <ids>', 'the ids to forget: one per line (# comments allowed) or a CSV with an id column')
    .option('--audit <file>', "reuse the dataset's audit.json (same data, seed and test fraction) instead of running a fast audit now; its mode then applies")
    .option('--algorithms <list>', `comma-separated, from ${ALGORITHM_NAMES.join(', ')}`, algorithmList, [...ALGORITHM_NAMES])
    .option('--rum', 'also run the RUM meta-algorithm and its shuffled control', false)
    .option('--rum-recipe <a,b,c>', 'RUM per tier (low, medium, high memorization); none skips a tier', rumRecipe, DEFAULT_RUM_RECIPE)
    .addOption(new Option('--mode <mode>', "the per-sample audit's memorization estimate (RUM's tiers use it too)").choices(['fast', 'thorough']).default('fast'))
    .option('--seed <n>', 'random seed', wholeNumber, 0)
    .option('--test-fraction <f>', "share of the data held out for test metrics (0 to 0.5); the audit's held-out split less the forget set", fraction, 0.1)
    .option('--out <dir>', 'output folder', '.forgetlens')
    .option('--allow-missing', 'skip requested ids that are not in the dataset', false)
    .option('--label <column>', 'label column or key')
    .option('--id <column>', 'id column or key')
    .option('--param <algorithm.name=value>', 'override a hyper-parameter, e.g. finetune.learningRate=0.1 (repeatable)', collectParam, {})
    .option('--retrain-seeds <n>', 'models retrained from scratch as the reference', wholeNumber, 3)
    .option('--carriers <n>', 'candidate carriers per requested sample in each of input and model space (same label)', wholeNumber, 5)
    .option('--epochs <n>', 'override the training epochs sized from the data', wholeNumber)
    .option('--workers <n>', 'parallel training threads', wholeNumber)
    .option('--queue <url>', 'train the retrained reference models as jobs on a BullMQ queue (redis://HOST:PORT or rediss://…) served by `forgetlens worker`')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'))
    .option('--no-progress', 'do not print progress on stderr')
    .action(async (dataset: string, flags: ForgetFlags) => {
      if (flags.queue) parseQueueUrl(flags.queue);
      const report = await runJob(flags.progress, (ctx) =>
        runForgetAudit(
          dataset,
          {
            forgetFile: flags.forget,
            ...(flags.audit ? { auditFile: flags.audit } : {}),
            algorithms: flags.algorithms,
            params: flags.param,
            rum: flags.rum,
            rumRecipe: flags.rumRecipe,
            seed: flags.seed,
            testFraction: flags.testFraction,
            mode: flags.mode,
            allowMissing: flags.allowMissing,
            label: flags.label,
            id: flags.id,
            retrainSeeds: Math.max(1, flags.retrainSeeds),
            carriersPerSpace: flags.carriers,
            epochs: flags.epochs,
            workers: flags.workers,
            queue: flags.queue,
            backend: flags.backend,
          },
          ctx,
        ),
      );
      const written = writeForgetReport(report, flags.out);
      process.stdout.write(`${report.summary.text}\n\n${written.map((f) => `wrote ${path.relative(process.cwd(), f) || f}`).join('\n')}\n`);
    });
}

function algorithmList(value: string): AlgorithmName[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = names.filter((n) => !isAlgorithmName(n));
  if (unknown.length || names.length === 0) throw new InvalidArgumentError(`unknown algorithm ${unknown.join(', ')}: choose from ${ALGORITHM_NAMES.join(', ')}`);
  return names as AlgorithmName[];
}

function collectParam(value: string, previous: Partial<Record<AlgorithmName, HyperParameters>>): Partial<Record<AlgorithmName, HyperParameters>> {
  const match = /^([a-z0-9+-]+)\.([A-Za-z][A-Za-z0-9]*)=(.+)$/.exec(value.trim());
  if (!match || !isAlgorithmName(match[1]) || !Number.isFinite(Number(match[3]))) {
    throw new InvalidArgumentError('expected algorithm.name=number, e.g. neggrad.learningRate=0.02');
  }
  const algorithm = match[1];
  return { ...previous, [algorithm]: { ...previous[algorithm], [match[2]]: Number(match[3]) } };
}

function rumRecipe(value: string): RumRecipe {
  const parts = value.split(',').map((s) => s.trim());
  if (parts.length !== 3 || parts.some((p) => p !== 'none' && !isAlgorithmName(p))) {
    throw new InvalidArgumentError(`expected three of none, ${ALGORITHM_NAMES.join(', ')} (e.g. none,finetune,salun)`);
  }
  return parts as RumRecipe;
}
