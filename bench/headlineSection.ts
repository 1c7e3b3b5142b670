import { rankAgreement, referenceShape } from './agreement';
import { BenchData } from './benchData';
import { AuditRun } from './childRuns';
import { fixed, table } from './format';
import type { BenchSettings } from './run';
import { INSTALL_HINT, torchReference } from './torchReference';

const TARGET_SPEEDUP = 10;
const TARGET_RHO = 0.6;

/**
 * What a user cares about: the whole fast audit against the PyTorch subsample memorization
 * estimator (K models, both cores), in time and in rank agreement of the per-sample scores.
 */
export function headlineSection(runs: Array<{ data: BenchData; fast: AuditRun }>, settings: BenchSettings): string {
  const k = settings.referenceK;
  const heading = `## Headline: fast audit versus the PyTorch subsample memorization estimator (K = ${k})\n\n`;
  if (settings.torchMissing) return heading + `Skipped: ${settings.torchMissing}. Install Debian's PyTorch with \`${INSTALL_HINT}\`.`;
  const timeRows: string[][] = [];
  const rankRows: string[][] = [];
  const verdicts: string[] = [];
  for (const { data, fast } of runs) {
    const torchRun = torchReference(data);
    try {
      const ref = torchRun.subsample(k, 2);
      const speedup = ref.seconds / fast.seconds;
      timeRows.push([
        data.label,
        fast.seconds.toFixed(1),
        ref.seconds.toFixed(1),
        speedup.toFixed(1),
        fixed(fast.cpuSeconds, 1),
        ref.cpuSeconds.toFixed(1),
        fixed(ref.cpuSeconds / fast.cpuSeconds, 1),
      ]);
      const shape = referenceShape(ref.hard, ref.stderr);
      const halves = rankAgreement(ref.hardA, ref.hardB);
      const scores = fast.scores!;
      const agreement = (score: Float32Array) => [rankAgreement(score, ref.hard).rho, rankAgreement(score, ref.soft).rho];
      const [memHard, memSoft] = agreement(scores.memorization);
      const [crossHard, crossSoft] = agreement(scores.memorizationCrossFit);
      const [confHard, confSoft] = agreement(scores.confidence);
      rankRows.push([
        data.label,
        String(rankAgreement(scores.memorization, ref.hard).n),
        `${fixed(memHard, 3)} / ${fixed(memSoft, 3)}`,
        `${fixed(crossHard, 3)} / ${fixed(crossSoft, 3)}`,
        `${fixed(confHard, 3)} / ${fixed(confSoft, 3)}`,
        fixed(halves.rho, 3),
        `${(shape.zeroShare * 100).toFixed(0)} %`,
        fixed(shape.medianStderr, 3),
      ]);
      const met = speedup >= TARGET_SPEEDUP && Math.abs(memHard) >= TARGET_RHO;
      verdicts.push(
        `${data.label}: fast audit ${speedup.toFixed(1)}× faster than the K=${k} estimator, |Spearman| ${Math.abs(memHard).toFixed(3)} against its hard estimate ` +
          `(target ≥ ${TARGET_SPEEDUP}× at ≥ ${TARGET_RHO}: ${met ? 'met' : 'missed'})`,
      );
      console.log(timeRows[timeRows.length - 1].join('  '), '|', rankRows[rankRows.length - 1].join('  '));
    } finally {
      torchRun.dispose();
    }
  }
  return (
    heading +
    `ForgetLens: the whole fast audit by the built CLI (process start, reading, training, memorization, embeddings, neighbour search, factors, writing the report). ` +
    `PyTorch: only training and predicting with the ${k} models (Feldman & Zhang's estimator, random stratified 70 % subsets, the same default MLP and plan), ` +
    `on 2 worker processes of one thread each; reading the data and starting python are not counted.\n\n` +
    table(['data', 'fast audit s', `PyTorch K=${k} s`, 'speed-up (wall)', 'fast audit CPU s', `PyTorch K=${k} CPU s`, 'speed-up (CPU time)'], timeRows) +
    '\n\nThe CPU-time columns are less sensitive to other processes loading the machine than wall time: ForgetLens\'s counts every thread of the CLI process (GNU time), PyTorch\'s the CPU time of its training tasks.' +
    '\n\n' +
    `Rank agreement on the training rows (Spearman, against the reference's hard estimate P[correct | in] − P[correct | out] / its soft estimate with p(y|x)). ` +
    `"fast memorization" is the audit's memorization factor; "cross-fit" its raw two-model estimate; "confidence" the one-run proxy (negative: low confidence, high memorization). ` +
    `"reference halves" is the Spearman between the hard estimates of two disjoint halves of the reference's models: how reproducible the reference itself is. ` +
    `"zeros" is the share of training rows whose hard estimate is exactly 0 (tied); "median s.e." the median binomial standard error of the hard estimate.\n\n` +
    table(['data', 'rows', 'fast memorization', 'cross-fit', 'confidence', `reference halves (K=${k / 2} each)`, 'zeros', 'median s.e.'], rankRows) +
    '\n\n' +
    verdicts.map((v) => `- ${v}`).join('\n')
  );
}
