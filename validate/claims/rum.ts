import { STATEMENTS } from './statements';
import { ClaimSpec, fmt } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';
import { towByAlgorithm } from './memorizationTow';

/** Claim 4: RUM against its own recipe's algorithms run once on the whole mixed set, and against the shuffled control. */
export const rumClaim: ClaimSpec = {
  ...STATEMENTS.rum,
  datasets: (config) => config.datasets.mixed,
  tests: [
    { key: 'gainOverRecipe', label: "ToW(RUM) − the best ToW of its recipe's algorithms run once on all of F", rule: { side: 'above', threshold: 0 }, role: 'claim' },
    { key: 'gainOverControl', label: 'ToW(RUM) − ToW(RUM on a shuffled split)', rule: { side: 'above', threshold: 0 }, role: 'claim' },
  ],
  async measure(bench, key) {
    const report = await mixedForgetAudit(bench, key);
    const rum = report.rum!;
    const tow = towByAlgorithm(report);
    const recipe = [...new Set(rum.recipe.filter((a) => tow.has(a)))];
    const bestRecipe = recipe.length ? Math.max(...recipe.map((a) => tow.get(a)!)) : NaN;
    const numbers: Record<string, number> = { gainOverRecipe: rum.rum.tow - bestRecipe, gainOverControl: rum.rum.tow - rum.control.tow, towRum: rum.rum.tow, towControl: rum.control.tow };
    recipe.forEach((a) => (numbers[`tow.${a}`] = tow.get(a)!));
    return {
      numbers,
      note: `RUM (${rum.recipe.join(' → ')}; tiers ${rum.tierSizes?.join('/') ?? 'n/a'} low/medium/high) ${fmt(rum.rum.tow, 3)}, control ${fmt(rum.control.tow, 3)}; once on all of F: ${recipe.map((a) => `${a} ${fmt(tow.get(a), 3)}`).join(', ')}`,
    };
  },
};
