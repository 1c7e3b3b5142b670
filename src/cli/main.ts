import * as path from 'node:path';
import { Command, Option } from 'commander';
import { runAudit } from '../core/audit/runAudit';
import { AuditOptions } from '../core/audit/options';
import { CancelledError, InputError, QueueError } from '../core/errors';
import { writeFileAtomic } from '../core/util/atomicWrite';
import { TOOL_VERSION } from '../core/version';
import { registerForgetCommand } from './forgetCommand';
import { registerWorkerCommand } from './workerCommand';
import { runJob } from './job';
import { binCount, delimiter, fraction, thresholds, wholeNumber } from './parsers';
import { parseQueueUrl } from '../core/queue/connection';
import { formatSummary } from './summaryTable';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_BAD_INPUT = 2;

interface AuditFlags {
  label?: string;
  id?: string;
  mode: 'fast' | 'thorough';
  k: number;
  seed: number;
  out: string;
  testFile?: string;
  testFraction: number;
  model?: string;
  embeddingOutput?: string;
  predProbs?: string;
  embeddings?: string;
  similarity?: [number | 'auto', number];
  backend: AuditOptions['backend'];
  limit?: number;
  delimiter?: AuditOptions['delimiter'];
  bins?: number;
  epochs?: number;
  workers?: number;
  queue?: string;
  top: number;
  progress: boolean;
}

export function buildProgram(): Command {
  const program = new Command('forgetlens')
    .description('Audit a dataset for machine unlearning: which samples are hard to forget, and why.')
    .version(TOOL_VERSION)
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program
    .command('audit')
    .description('score every sample of a dataset for how hard it would be to forget; writes DIR/audit.json')
    .argument('<dataset>', 'CSV/TSV or JSONL file (optionally .gz/.zst), Parquet file, image folder (root/<class>/<image>) or IDX images file')
    .option('--label <column>', 'label column or key (default: label/target/class/y, else the last column)')
    .option('--id <column>', 'id column or key (default: a column named id, else the row number)')
    .addOption(new Option('--mode <mode>', 'fast: one-run proxies + calibrated estimate; thorough: K subsample models').choices(['fast', 'thorough']).default('fast'))
    .option('--k <n>', 'models for --mode thorough', wholeNumber, 32)
    .option('--seed <n>', 'random seed (same data + seed + settings = same scores)', wholeNumber, 0)
    .option('--out <dir>', 'output folder', '.forgetlens')
    .option('--test-file <file>', 'a separate test set (same columns) instead of a held-out split')
    .option('--test-fraction <f>', 'share of the data held out for test metrics (0 to 0.5)', fraction, 0.1)
    .option('--model <model.json|model.onnx>', 'audit your TF.js Layers or ONNX model instead of training the default MLP (ONNX needs onnxruntime-node)')
    .option('--embedding-output <name>', 'ONNX: the graph value giving the embeddings (default: the input of the last Gemm/MatMul)')
    .option('--pred-probs <file>', '.npy/.csv: out-of-sample class probabilities (one row per sample, one column per class) used instead of the model\'s')
    .option('--embeddings <file>', '.npy/.csv: per-sample embeddings (one row per sample) used instead of the model\'s')
    .option('--similarity <input,embedding>', 'near-duplicate thresholds: input similarity or auto (a sample\'s closest candidates when they stand out from its further ones), then embedding cosine or off (default auto,off)', thresholds)
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['auto', 'tensorflow', 'wasm', 'cpu']).default('auto'))
    .option('--limit <n>', 'read only the first N samples', wholeNumber)
    .option('--delimiter <char>', 'CSV/TSV field delimiter: , ; tab or | (default: sniffed from the first lines)', delimiter)
    .option('--bins <n>', 'bin a continuous numeric label into N quantile classes', binCount)
    .option('--epochs <n>', 'override the training epochs sized from the data', wholeNumber)
    .option('--workers <n>', 'worker threads for the K thorough models and the neighbour search', wholeNumber)
    .option('--queue <url>', 'train the K thorough models as jobs on a BullMQ queue (redis://HOST:PORT or rediss://…) served by `forgetlens worker`')
    .option('--top <n>', 'rows in the printed table', wholeNumber, 15)
    .option('--no-progress', 'do not print progress on stderr')
    .action(async (dataset: string, flags: AuditFlags) => {
      await auditCommand(dataset, flags);
    });
  registerForgetCommand(program);
  registerWorkerCommand(program);
  return program;
}

async function auditCommand(dataset: string, flags: AuditFlags): Promise<void> {
  // Checked here, not by commander, whose message would repeat the URL with its password.
  if (flags.queue) parseQueueUrl(flags.queue);
  const { report } = await runJob(flags.progress, (ctx) =>
    runAudit(
      dataset,
      {
        label: flags.label,
        id: flags.id,
        mode: flags.mode,
        k: flags.k,
        seed: flags.seed,
        testFile: flags.testFile,
        testFraction: flags.testFraction,
        modelPath: flags.model,
        embeddingOutput: flags.embeddingOutput,
        predProbsPath: flags.predProbs,
        embeddingsPath: flags.embeddings,
        backend: flags.backend,
        limit: flags.limit,
        delimiter: flags.delimiter,
        bins: flags.bins,
        epochs: flags.epochs,
        workers: flags.workers,
        queue: flags.queue,
        ...(flags.similarity ? { similarity: { input: flags.similarity[0], embedding: flags.similarity[1] } } : {}),
      },
      ctx,
    ),
  );
  const target = path.join(flags.out, 'audit.json');
  writeFileAtomic(target, JSON.stringify(report, null, 1) + '\n');
  process.stdout.write(formatSummary(report, flags.top) + '\n\n');
  process.stdout.write(`wrote ${target}\n`);
}

/** Run the CLI and return the exit code: 0 done, 2 bad input, 1 anything else. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (err) {
    return exitCodeFor(err);
  }
}

function exitCodeFor(err: unknown): number {
  const commanderError = err as { code?: string; exitCode?: number };
  if (commanderError.code === 'commander.helpDisplayed' || commanderError.code === 'commander.version') return EXIT_OK;
  if (commanderError.code?.startsWith('commander.')) return EXIT_BAD_INPUT;
  if (err instanceof InputError) {
    process.stderr.write(`forgetlens: error: ${err.message}\n`);
    return EXIT_BAD_INPUT;
  }
  if (err instanceof QueueError) {
    process.stderr.write(`forgetlens: queue error: ${err.message}; nothing was written\n`);
    return EXIT_FAILURE;
  }
  if (err instanceof CancelledError) {
    process.stderr.write('forgetlens: cancelled; nothing was written\n');
    return EXIT_FAILURE;
  }
  process.stderr.write(`forgetlens: failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  return EXIT_FAILURE;
}
