import { quantile, spearman } from '../src/core/util/stats';

/** Spearman over the samples where both are finite (training rows), with the count. */
export function rankAgreement(score: ArrayLike<number>, reference: ArrayLike<number>): { rho: number; n: number } {
  let n = 0;
  for (let i = 0; i < score.length; i++) if (Number.isFinite(score[i]) && Number.isFinite(reference[i])) n++;
  return { rho: spearman(score, reference), n };
}

/** How the reference estimate is distributed: its most common value's share (ties) and its median standard error. */
export function referenceShape(reference: Float32Array, stderr: Float32Array): { zeroShare: number; medianStderr: number; meanStderr: number } {
  const finite = Array.from(reference).filter(Number.isFinite);
  const zeros = finite.filter((v) => v === 0).length;
  const se = Array.from(stderr).filter(Number.isFinite);
  return { zeroShare: zeros / finite.length, medianStderr: quantile(se, 0.5), meanStderr: se.reduce((a, b) => a + b, 0) / se.length };
}
