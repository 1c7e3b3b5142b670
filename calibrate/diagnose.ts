import { readRows } from './fit';
import { BALANCED_PRIOR, CrossValidation, TARGETS, Target, crossValidate } from './crossValidate';

/**
 * `node --import tsx calibrate/diagnose.ts [rows.json]`: the leave-one-dataset-out evaluation on
 * cached rows, with and without balancing by dataset, with each held-out dataset's base rate. It
 * reads the rows the decision rule is judged on, so what it shows is in sample for any choice made from it.
 */
function main(): void {
  const rows = readRows(process.argv[2]);
  const bootstrap = Number(process.env.CAL_BOOTSTRAP ?? 200);
  const variants: Array<[string, Record<Target, number | null>]> = [
    ['shipped setting', BALANCED_PRIOR],
    ['unbalanced', { residualRisk: null, persistence: null }],
  ].filter(([name]) => !process.env.DIAGNOSE_ONLY || name === process.env.DIAGNOSE_ONLY) as Array<[string, Record<Target, number | null>]>;
  for (const [name, balance] of variants) {
    const cv = crossValidate(rows, bootstrap, () => undefined, balance);
    for (const target of TARGETS) console.log(`${name.padEnd(20)} ${target.padEnd(12)} ${summary(cv, target)}`);
  }
  for (const target of TARGETS) {
    const datasets = [...new Set(rows.map((r) => r.dataset))].sort();
    const rates = datasets.map((d) => {
      const own = rows.filter((r) => r.dataset === d && (target === 'persistence' || r.residual !== null));
      const events = own.filter((r) => (target === 'persistence' ? r.ineffectiveAlone : r.residual! > 0.1)).length;
      return `${d} ${events}/${own.length}`;
    });
    console.log(`base rates, ${target}: ${rates.join(', ')}`);
  }
}

function summary(cv: CrossValidation, target: Target): string {
  const pooled = cv.pooled[target];
  const own = cv.perDataset.filter((d) => d.target === target);
  const within = (pick: (d: (typeof own)[number]) => number | null) => mean(own.map(pick).filter((v): v is number => v !== null));
  const diff = cv.difference[target];
  return [
    `pooled AUROC ${f3(pooled.calibrated?.auroc.value)} (memorization ${f3(pooled.memorization?.auroc.value)}, composite ${f3(pooled.oldDifficulty?.auroc.value)})`,
    `Brier ${f3(pooled.calibrated?.brier.value)}`,
    `paired vs ${diff?.baseline} ${f3(diff?.auroc.value)} [${f3(diff?.auroc.low)}, ${f3(diff?.auroc.high)}]`,
    `mean within ${within((d) => d.calibrated).toFixed(3)} (composite ${within((d) => d.oldDifficulty).toFixed(3)})`,
    `chosen: ${[...new Set(own.map((d) => d.chosen))].join(' | ')}`,
  ].join('; ');
}

function f3(v: number | null | undefined): string {
  return v === null || v === undefined ? '–' : v.toFixed(3);
}

function mean(values: number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

main();
