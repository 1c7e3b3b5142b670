import { spearman } from '../../src/core/util/stats';
import { Workbench } from '../workbench';
import { agreementVerdict } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, average, claimOver, fmt } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';

/** An algorithm that left F's p(y|x) where the original model had it measures nothing about unlearning. */
const MOVED = 0.05;

/** Claim 6: per-sample residual ranks agree across the algorithms that actually moved the forget set. */
export function agreementClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.agreement, bench.config.datasets.mixed, async (key) => {
    const report = await mixedForgetAudit(bench, key);
    const names = report.algorithms.map((a) => a.name);
    const movement = names.map((name) => average(report.samples.map((s) => Math.abs(s.pUnlearned[name] - s.pOriginal))));
    const moved = names.filter((_, k) => movement[k] >= MOVED);
    const residuals = (name: string) => report.samples.map((s) => s.residual[name]);
    const pairwise: number[] = [];
    for (let a = 0; a < moved.length; a++) {
      for (let b = a + 1; b < moved.length; b++) pairwise.push(spearman(residuals(moved[a]), residuals(moved[b])));
    }
    const meanRho = average(pairwise);
    return {
      measured:
        `${moved.length}/${names.length} algorithms moved F (mean |Δp| ≥ ${MOVED}: ${names.map((n, k) => `${n} ${fmt(movement[k])}`).join(', ')}); ` +
        `mean pairwise Spearman of residuals among them ${fmt(meanRho)}; among all ${names.length}: ${fmt(report.prediction.algorithmAgreement)}`,
      numbers: { movedAlgorithms: moved.length, meanPairwiseSpearman: meanRho, allAlgorithmsAgreement: report.prediction.algorithmAgreement ?? NaN },
      verdict: agreementVerdict(meanRho, moved.length),
    };
  });
}
