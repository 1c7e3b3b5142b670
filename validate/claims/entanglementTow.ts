import { entanglementSets } from '../forgetSets';
import { STATEMENTS } from './statements';
import { ClaimSpec, fmt } from './claim';
import { lowerTowCount, meanTowDrop } from './memorizationTow';

/** Claim 3: forget sets built to differ in Entanglement Score, ordered by the ES the forget audit measures. */
export const entanglementTowClaim: ClaimSpec = {
  ...STATEMENTS.entanglementTow,
  datasets: (config) => config.datasets.entanglement,
  tests: [{ key: 'towDrop', label: 'mean over algorithms of ToW(lowest-ES set) − ToW(highest-ES set)', rule: { side: 'above', threshold: 0 }, role: 'claim' }],
  async measure(bench, key) {
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
    const numbers: Record<string, number> = { towDrop: meanTowDrop(lowest.report, highest.report), lowerTowCount: lowerTowCount(lowest.report, highest.report) };
    for (const m of measured) numbers[`es.${m.name}`] = m.es;
    return {
      numbers,
      note: `${measured.map((m) => `${m.name} ES ${fmt(m.es, 1)}`).join(', ')}; ToW lower on ${highest.name} than on ${lowest.name} for ${numbers.lowerTowCount}/${lowest.report.algorithms.length} algorithms`,
    };
  },
};
