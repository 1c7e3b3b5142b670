import { spearman } from '../../src/core/util/stats';
import { STATEMENTS } from './statements';
import { ClaimSpec, fmt } from './claim';

/** Claim 1: the one-run confidence proxy against Feldman & Zhang's subsample estimator (thorough audit). */
export const memorizationProxyClaim: ClaimSpec = {
  ...STATEMENTS.memorizationProxy,
  datasets: (config) => config.datasets.memorization,
  tests: [{ key: 'rho', label: 'Spearman(confidence proxy, subsample memorization) over the training samples', rule: { side: 'below', threshold: 0 }, role: 'claim' }],
  async measure(bench, key) {
    const report = await bench.thoroughAudit(key);
    const train = report.samples.filter((s) => s.split === 'train');
    const confidence = train.map((s) => s.factors.confidence ?? NaN);
    const rho = spearman(confidence, train.map((s) => s.factors.memorization ?? NaN));
    const rhoSoft = spearman(confidence, train.map((s) => s.factors.memorizationSoft ?? NaN));
    return { numbers: { rho, rhoSoft, samples: train.length }, note: `ρ ${fmt(rho)} over ${train.length} training samples, K = ${report.settings.k} (soft version ${fmt(rhoSoft)})` };
  },
};
