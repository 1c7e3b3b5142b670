import { Workbench } from '../workbench';
import { difficultyVerdict } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, claimOver, fmt } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';

/** ForgetLens's own claim: the audit's composite difficulty predicts each forget sample's measured residual. */
export function difficultyClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.difficulty, bench.config.datasets.mixed, async (key) => {
    const report = await mixedForgetAudit(bench, key);
    const entries = Object.entries(report.prediction.spearman).map(([name, rho]) => [name, rho ?? NaN] as const);
    return {
      measured: `Spearman(difficulty, residual): ${entries.map(([name, rho]) => `${name} ${fmt(rho)}`).join(', ')} (${report.samples.length} samples)`,
      numbers: Object.fromEntries(entries.map(([name, rho]) => [`spearman.${name}`, rho])),
      verdict: difficultyVerdict(entries.map(([, rho]) => rho)),
    };
  });
}
