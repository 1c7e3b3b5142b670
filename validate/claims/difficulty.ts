import { spearman } from '../../src/core/util/stats';
import { STATEMENTS } from './statements';
import { ClaimSpec, TestSpec, average } from './claim';
import { mixedForgetAudit } from './mixedForgetSet';
import { MOVED_ACCURACY, splitByMovement } from './moved';
import { PREDICTORS, Predictor } from './predictors';

const BASELINES = PREDICTORS.filter((p) => p.kind === 'baseline');

function role(p: Predictor): TestSpec['role'] {
  return p.kind === 'subject' ? 'claim' : 'reference';
}

function tests(): TestSpec[] {
  const out: TestSpec[] = [];
  for (const p of PREDICTORS) {
    out.push({
      key: `rho.${p.name}`,
      label: `${p.label}: mean over the algorithms that moved F (|Δa(F)| ≥ ${MOVED_ACCURACY}) of Spearman(score, |p_u − p_r|) over the mixed forget set`,
      rule: { side: 'above', threshold: 0 },
      role: role(p),
      excludedOn: p.fittedOn,
    });
  }
  for (const p of PREDICTORS.filter((q) => q.kind !== 'baseline')) {
    for (const b of BASELINES) {
      out.push({
        key: `gain.${p.name}-${b.name}`,
        label: `${p.label} beats ${b.label}: the Spearman above, ${p.name} − ${b.name} (paired by seed)`,
        rule: { side: 'above', threshold: 0 },
        role: role(p),
        excludedOn: [...new Set([...p.fittedOn, ...b.fittedOn])],
      });
    }
  }
  return out;
}

/** Spearman over the samples where the score exists. */
function rankAgreement(scores: (number | null)[], target: number[]): number {
  const keep = scores.map((s, i) => (s !== null && Number.isFinite(s) ? i : -1)).filter((i) => i >= 0);
  return spearman(keep.map((i) => scores[i]!), keep.map((i) => target[i]));
}

/**
 * ForgetLens's own claim, on the datasets held out from every score's fitting: each score ranks the
 * mixed forget set; what it should rank is the residual each algorithm that moved F leaves behind.
 */
export const difficultyClaim: ClaimSpec = {
  ...STATEMENTS.difficulty,
  datasets: (config) => config.datasets.difficulty,
  tests: tests(),
  async measure(bench, key) {
    const report = await mixedForgetAudit(bench, key);
    const audit = await bench.thoroughAudit(key);
    const audited = new Map(audit.samples.map((s) => [s.id, s]));
    const { moved, still } = splitByMovement(report);
    const numbers: Record<string, number> = { movedAlgorithms: moved.length };
    for (const p of PREDICTORS) {
      const scores = report.samples.map((s) => p.score(s, audited.get(s.id)));
      numbers[`rho.${p.name}`] = average(moved.map((name) => rankAgreement(scores, report.samples.map((s) => Math.abs(s.residual[name])))));
    }
    for (const p of PREDICTORS.filter((q) => q.kind !== 'baseline')) {
      for (const b of BASELINES) numbers[`gain.${p.name}-${b.name}`] = numbers[`rho.${p.name}`] - numbers[`rho.${b.name}`];
    }
    return { numbers, note: `${moved.length}/${report.algorithms.length} moved F${still.length ? `; did not move: ${still.join(', ')}` : ''} (${report.samples.length} samples)` };
  },
};
