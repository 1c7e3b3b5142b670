import { spearman } from '../../src/core/util/stats';
import { Workbench } from '../workbench';
import { proxyVerdict } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, claimOver, fmt } from './claim';

/** Claim 1: the one-run confidence proxy against Feldman & Zhang's subsample estimator (thorough audit). */
export function memorizationProxyClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.memorizationProxy, bench.config.datasets.memorization, async (key) => {
    const report = await bench.thoroughAudit(key);
    const train = report.samples.filter((s) => s.split === 'train');
    const confidence = train.map((s) => s.factors.confidence ?? NaN);
    const rho = spearman(confidence, train.map((s) => s.factors.memorization ?? NaN));
    const rhoSoft = spearman(confidence, train.map((s) => s.factors.memorizationSoft ?? NaN));
    return {
      measured: `ρ = ${fmt(rho)} over ${train.length} training samples, K = ${report.settings.k} (against the soft, probability version: ${fmt(rhoSoft)})`,
      numbers: { rho, rhoSoft, samples: train.length },
      verdict: proxyVerdict(rho),
    };
  });
}
