/**
 * Ranks (0-based) by `primary`, with ties in `primary` ordered by `secondary`: a coarse score (a
 * few-model estimate that is exactly 0 for most samples) keeps its order, and a finer one only
 * orders what it leaves tied. Rows tied in both share their mid-rank; NaN in either gives NaN.
 */
export function lexicographicRanks(primary: ArrayLike<number>, secondary: ArrayLike<number>): Float32Array {
  if (primary.length !== secondary.length) throw new RangeError(`primary has ${primary.length} values, secondary ${secondary.length}`);
  const out = new Float32Array(primary.length).fill(NaN);
  const rows: number[] = [];
  for (let i = 0; i < primary.length; i++) if (Number.isFinite(primary[i]) && Number.isFinite(secondary[i])) rows.push(i);
  rows.sort((a, b) => primary[a] - primary[b] || secondary[a] - secondary[b]);
  let i = 0;
  while (i < rows.length) {
    let j = i;
    while (j + 1 < rows.length && primary[rows[j + 1]] === primary[rows[i]] && secondary[rows[j + 1]] === secondary[rows[i]]) j++;
    for (let k = i; k <= j; k++) out[rows[k]] = (i + j) / 2;
    i = j + 1;
  }
  return out;
}
