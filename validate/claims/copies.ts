import { ForgetSample } from '../../src/core/forget/schema';
import { STATEMENTS } from './statements';
import { ClaimSpec, fmt } from './claim';

/** Share of samples a model still gives its (planted) label with p > 0.5. */
function keptShare(samples: ForgetSample[], p: (s: ForgetSample) => number): number {
  return samples.filter((s) => p(s) > 0.5).length / samples.length;
}

/** Claim 5: mislabelled forget samples whose near-copies stay in R (A), against mislabelled ones without copies (B). */
export const copiesClaim: ClaimSpec = {
  ...STATEMENTS.copies,
  datasets: (config) => config.datasets.copies,
  tests: [
    { key: 'retrainAccWithCopies', label: "θ_r's F accuracy on A (share with retrained p(y|x) > 0.5)", rule: { side: 'above', threshold: 0.5 }, role: 'claim' },
    { key: 'retrainAccGap', label: "θ_r's F accuracy on A − on B", rule: { side: 'above', threshold: 0 }, role: 'claim' },
  ],
  async measure(bench, key) {
    const dataset = bench.dataset(key, 'copies');
    const report = await bench.forgetAudit(dataset, 'mislabelled', [...dataset.withCopies, ...dataset.withoutCopies]);
    const withCopies = new Set(dataset.withCopies);
    const groupA = report.samples.filter((s) => withCopies.has(s.id));
    const groupB = report.samples.filter((s) => !withCopies.has(s.id));
    const accA = keptShare(groupA, (s) => s.pRetrain);
    const accB = keptShare(groupB, (s) => s.pRetrain);
    const lowestAlgorithmOnA = Math.min(...report.algorithms.map((a) => keptShare(groupA, (s) => s.pUnlearned[a.name])));
    return {
      numbers: { retrainAccWithCopies: accA, retrainAccWithoutCopies: accB, retrainAccGap: accA - accB, lowestAlgorithmAccWithCopies: lowestAlgorithmOnA },
      note: `θ_r F acc ${fmt(accA)} (A, ${groupA.length}) vs ${fmt(accB)} (B, ${groupB.length}); after each algorithm, acc on A ≥ ${fmt(lowestAlgorithmOnA)}`,
    };
  },
};
