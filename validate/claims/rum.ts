import { Workbench } from '../workbench';
import { bothConditions } from '../verdicts';
import { STATEMENTS } from './statements';
import { ClaimResult, claimOver, fmt } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';
import { towByAlgorithm } from './memorizationTow';

/** Claim 4: RUM against its own recipe's algorithms run once on the whole mixed set, and against the shuffled control. */
export function rumClaim(bench: Workbench): Promise<ClaimResult> {
  return claimOver(STATEMENTS.rum, bench.config.datasets.mixed, async (key) => {
    const report = await mixedForgetAudit(bench, key);
    const rum = report.rum!;
    const tow = towByAlgorithm(report);
    const recipe = [...new Set(rum.recipe.filter((a) => tow.has(a)))];
    const best = report.algorithms.reduce((a, b) => (b.tow > a.tow ? b : a));
    const beatsRecipe = recipe.length > 0 && recipe.every((a) => rum.rum.tow > tow.get(a)!);
    const numbers: Record<string, number> = { towRum: rum.rum.tow, towControl: rum.control.tow, towBestOneShot: best.tow };
    recipe.forEach((a) => (numbers[`tow.${a}`] = tow.get(a)!));
    return {
      measured:
        `ToW RUM (${rum.recipe.join(' → ')}) ${fmt(rum.rum.tow, 3)}, shuffled control ${fmt(rum.control.tow, 3)}; ` +
        `once on all of F: ${recipe.map((a) => `${a} ${fmt(tow.get(a), 3)}`).join(', ')}; best single algorithm ${best.name} ${fmt(best.tow, 3)}`,
      numbers,
      verdict: bothConditions(beatsRecipe, rum.rum.tow > rum.control.tow),
    };
  });
}
