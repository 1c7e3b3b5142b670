import { ForgetReport } from '../../src/core/forget/schema';
import { Workbench } from '../workbench';
import { memorizationSets, meanFactor } from '../forgetSets';
import { bothConditions } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, average, claimOver, fmt } from './claim';

export function towByAlgorithm(report: ForgetReport): Map<string, number> {
  return new Map(report.algorithms.map((a) => [a.name, a.tow]));
}

/** Algorithms whose ToW is lower on `harder` than on `easier` (by more than `margin`; the rules use 0). */
export function lowerTowCount(easier: ForgetReport, harder: ForgetReport, margin = 0): number {
  const hard = towByAlgorithm(harder);
  return easier.algorithms.filter((a) => hard.get(a.name)! < a.tow - margin).length;
}

/** Context shown beside the verdict, not part of any rule: differences too small to mean much. */
export const CONTEXT_MARGIN = 0.01;

/** Claim 2: forget sets of low vs high memorization (thorough estimate). */
export function memorizationTowClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.memorizationTow, bench.config.datasets.memorization, async (key) => {
    const audit = await bench.thoroughAudit(key);
    const sets = memorizationSets(audit, bench.config.forgetSetSize[key], bench.config.seed);
    const dataset = bench.dataset(key);
    const low = await bench.forgetAudit(dataset, sets.low.name, sets.low.ids);
    const high = await bench.forgetAudit(dataset, sets.high.name, sets.high.ids);
    const lowerCount = lowerTowCount(low, high);
    const clearlyLower = lowerTowCount(low, high, CONTEXT_MARGIN);
    const total = low.algorithms.length;
    const retrainAcc = { low: low.retrain.forgetAcc ?? NaN, high: high.retrain.forgetAcc ?? NaN };
    const memorization = {
      low: meanFactor(audit, sets.low.ids, (s) => s.factors.memorization),
      high: meanFactor(audit, sets.high.ids, (s) => s.factors.memorization),
    };
    const meanTow = { low: average(low.algorithms.map((a) => a.tow)), high: average(high.algorithms.map((a) => a.tow)) };
    return {
      measured:
        `mean memorization ${fmt(memorization.low)} vs ${fmt(memorization.high)} (${sets.low.ids.length} samples each); ` +
        `θ_r F acc ${fmt(retrainAcc.low)} → ${fmt(retrainAcc.high)}; ToW lower on the high set for ${lowerCount}/${total} algorithms (by > ${CONTEXT_MARGIN}: ${clearlyLower}/${total}; mean ToW ${fmt(meanTow.low)} → ${fmt(meanTow.high)})`,
      numbers: {
        memorizationLow: memorization.low,
        memorizationHigh: memorization.high,
        retrainForgetAccLow: retrainAcc.low,
        retrainForgetAccHigh: retrainAcc.high,
        lowerTowCount: lowerCount,
        clearlyLowerTowCount: clearlyLower,
        meanTowLow: meanTow.low,
        meanTowHigh: meanTow.high,
      },
      verdict: bothConditions(lowerCount > total / 2, retrainAcc.high < retrainAcc.low),
    };
  });
}
