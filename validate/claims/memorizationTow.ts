import { ForgetReport } from '../../src/core/forget/schema';
import { memorizationSets, meanFactor } from '../forgetSets';
import { STATEMENTS } from './statements';
import { ClaimSpec, average, fmt } from './claim';

export function towByAlgorithm(report: ForgetReport): Map<string, number> {
  return new Map(report.algorithms.map((a) => [a.name, a.tow]));
}

/** Mean over algorithms of ToW(easier) − ToW(harder): positive when the harder set is harder to unlearn. */
export function meanTowDrop(easier: ForgetReport, harder: ForgetReport): number {
  const hard = towByAlgorithm(harder);
  return average(easier.algorithms.map((a) => a.tow - hard.get(a.name)!));
}

/** Algorithms whose ToW is lower on `harder` than on `easier` (context for the notes). */
export function lowerTowCount(easier: ForgetReport, harder: ForgetReport): number {
  const hard = towByAlgorithm(harder);
  return easier.algorithms.filter((a) => hard.get(a.name)! < a.tow).length;
}

/** Claim 2: forget sets of low vs high memorization (thorough estimate). */
export const memorizationTowClaim: ClaimSpec = {
  ...STATEMENTS.memorizationTow,
  datasets: (config) => config.datasets.memorization,
  tests: [
    { key: 'towDrop', label: 'mean over algorithms of ToW(low-memorization set) − ToW(high-memorization set)', rule: { side: 'above', threshold: 0 }, role: 'claim' },
    { key: 'retrainAccDrop', label: "θ_r's F accuracy on the low set − on the high set", rule: { side: 'above', threshold: 0 }, role: 'claim' },
  ],
  async measure(bench, key) {
    const audit = await bench.thoroughAudit(key);
    const sets = memorizationSets(audit, bench.config.forgetSetSize[key], bench.config.seed);
    const dataset = bench.dataset(key);
    const low = await bench.forgetAudit(dataset, sets.low.name, sets.low.ids);
    const high = await bench.forgetAudit(dataset, sets.high.name, sets.high.ids);
    const memorization = { low: meanFactor(audit, sets.low.ids, (s) => s.factors.memorization), high: meanFactor(audit, sets.high.ids, (s) => s.factors.memorization) };
    const retrainAcc = { low: low.retrain.forgetAcc ?? NaN, high: high.retrain.forgetAcc ?? NaN };
    const lower = lowerTowCount(low, high);
    return {
      numbers: {
        towDrop: meanTowDrop(low, high),
        retrainAccDrop: retrainAcc.low - retrainAcc.high,
        memorizationLow: memorization.low,
        memorizationHigh: memorization.high,
        lowerTowCount: lower,
      },
      note: `memorization ${fmt(memorization.low)} vs ${fmt(memorization.high)}; θ_r F acc ${fmt(retrainAcc.low)} → ${fmt(retrainAcc.high)}; ToW lower on the high set for ${lower}/${low.algorithms.length} algorithms`,
    };
  },
};
