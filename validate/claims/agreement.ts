import { spearman } from '../../src/core/util/stats';
import { STATEMENTS } from './statements';
import { ClaimSpec, average, fmt } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';
import { MOVED_ACCURACY, splitByMovement } from './moved';

/** Claim 6: per-sample residual ranks agree across the algorithms that actually moved the forget set. */
export const agreementClaim: ClaimSpec = {
  ...STATEMENTS.agreement,
  datasets: (config) => config.datasets.mixed,
  tests: [
    {
      key: 'meanPairwiseSpearman',
      label: `mean pairwise Spearman of per-sample residuals among the algorithms that moved F (|Δa(F)| ≥ ${MOVED_ACCURACY}; seeds where fewer than two moved give no value)`,
      rule: { side: 'above', threshold: 0 },
      role: 'claim',
    },
  ],
  async measure(bench, key) {
    const report = await mixedForgetAudit(bench, key);
    const { moved, still } = splitByMovement(report);
    const residuals = (name: string) => report.samples.map((s) => s.residual[name]);
    const pairwise: number[] = [];
    for (let a = 0; a < moved.length; a++) {
      for (let b = a + 1; b < moved.length; b++) pairwise.push(spearman(residuals(moved[a]), residuals(moved[b])));
    }
    const meanRho = moved.length >= 2 ? average(pairwise) : NaN;
    return {
      numbers: { meanPairwiseSpearman: meanRho, movedAlgorithms: moved.length },
      note: `${moved.length}/${report.algorithms.length} moved F (mean pairwise ρ ${fmt(meanRho)})${still.length ? `; did not move: ${still.join(', ')}` : ''}`,
    };
  },
};
