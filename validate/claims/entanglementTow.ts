import { Workbench } from '../workbench';
import { entanglementSets } from '../forgetSets';
import { majorityVerdict } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, average, claimOver, fmt } from './claim';
import { CONTEXT_MARGIN, lowerTowCount } from './memorizationTow';

/** Claim 3: forget sets built to differ in Entanglement Score, ordered by the ES the forget audit measures. */
export function entanglementTowClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.entanglementTow, bench.config.datasets.entanglement, async (key) => {
    const audit = await bench.thoroughAudit(key);
    const dataset = bench.dataset(key);
    const measured = [];
    for (const set of entanglementSets(audit, bench.config.forgetSetSize[key], bench.config.seed)) {
      const report = await bench.forgetAudit(dataset, set.name, set.ids);
      measured.push({ name: set.name, report, es: report.forget.entanglementScore ?? NaN });
    }
    measured.sort((a, b) => a.es - b.es);
    const lowest = measured[0];
    const highest = measured[measured.length - 1];
    const lowerCount = lowerTowCount(lowest.report, highest.report);
    const clearlyLower = lowerTowCount(lowest.report, highest.report, CONTEXT_MARGIN);
    const total = lowest.report.algorithms.length;
    const numbers: Record<string, number> = { lowerTowCount: lowerCount, clearlyLowerTowCount: clearlyLower };
    for (const m of measured) {
      numbers[`es.${m.name}`] = m.es;
      numbers[`meanTow.${m.name}`] = average(m.report.algorithms.map((a) => a.tow));
    }
    return {
      measured:
        measured.map((m) => `${m.name}: ES ${fmt(m.es, 1)}, mean ToW ${fmt(numbers[`meanTow.${m.name}`])}`).join('; ') +
        `; ToW lower on ${highest.name} (highest ES) than on ${lowest.name} (lowest) for ${lowerCount}/${total} algorithms (by > ${CONTEXT_MARGIN}: ${clearlyLower}/${total})`,
      numbers,
      verdict: majorityVerdict(lowerCount, total),
    };
  });
}
