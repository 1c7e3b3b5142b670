import { ForgetSample } from '../../src/core/forget/schema';
import { Workbench } from '../workbench';
import { copiesVerdict } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, claimOver, fmt } from './claim';

/** Share of samples a model still gives its (planted) label with p > 0.5. */
function keptShare(samples: ForgetSample[], p: (s: ForgetSample) => number): number {
  return samples.filter((s) => p(s) > 0.5).length / samples.length;
}

/** Claim 5: mislabelled forget samples whose near-copies stay in R, against mislabelled ones without copies. */
export function copiesClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.copies, bench.config.datasets.copies, async (key) => {
    const dataset = bench.dataset(key, 'copies');
    const report = await bench.forgetAudit(dataset, 'mislabelled', [...dataset.withCopies, ...dataset.withoutCopies]);
    const withCopies = new Set(dataset.withCopies);
    const groupA = report.samples.filter((s) => withCopies.has(s.id));
    const groupB = report.samples.filter((s) => !withCopies.has(s.id));
    const accA = keptShare(groupA, (s) => s.pRetrain);
    const accB = keptShare(groupB, (s) => s.pRetrain);
    const algorithmsOnA = report.algorithms.map((a) => keptShare(groupA, (s) => s.pUnlearned[a.name]));
    const lowestAlgorithmOnA = Math.min(...algorithmsOnA);
    return {
      measured:
        `θ_r F acc with ${bench.config.copiesPerSample} near-copies in R ${fmt(accA)} (${groupA.length} samples) vs without ${fmt(accB)} (${groupB.length}); ` +
        `after each unlearning algorithm, F acc with copies ≥ ${fmt(lowestAlgorithmOnA)}`,
      numbers: { retrainAccWithCopies: accA, retrainAccWithoutCopies: accB, lowestAlgorithmAccWithCopies: lowestAlgorithmOnA },
      verdict: copiesVerdict(accA, accB),
    };
  });
}
