/** Average ranks (ties share the mean rank), 0-based. NaN values are ranked last and stay NaN. */
export function ranks(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => compareNumbers(values[a], values[b]));
  const out = new Float64Array(n);
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && values[order[j + 1]] === values[order[i]]) j++;
    const rank = (i + j) / 2;
    for (let k = i; k <= j; k++) out[order[k]] = Number.isNaN(values[order[k]]) ? NaN : rank;
    i = j + 1;
  }
  return out;
}

function compareNumbers(a: number, b: number): number {
  if (Number.isNaN(a)) return Number.isNaN(b) ? 0 : 1;
  if (Number.isNaN(b)) return -1;
  return a - b;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const pairs = finitePairs(a, b);
  const n = pairs.length;
  if (n < 3) return NaN;
  let ma = 0;
  let mb = 0;
  for (const [x, y] of pairs) {
    ma += x;
    mb += y;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (const [x, y] of pairs) {
    sab += (x - ma) * (y - mb);
    saa += (x - ma) ** 2;
    sbb += (y - mb) ** 2;
  }
  return saa === 0 || sbb === 0 ? NaN : sab / Math.sqrt(saa * sbb);
}

/** Spearman rank correlation over the pairs where both values are finite. */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const pairs = finitePairs(a, b);
  return pearson(ranks(pairs.map((p) => p[0])), ranks(pairs.map((p) => p[1])));
}

function finitePairs(a: ArrayLike<number>, b: ArrayLike<number>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i]) && Number.isFinite(b[i])) out.push([a[i], b[i]]);
  return out;
}

/** ROC AUC of `scores` for the positives marked in `positive` (Mann-Whitney, ties count half). */
export function rocAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const r = ranks(scores);
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < scores.length; i++) {
    if (positive[i]) {
      pos++;
      rankSum += r[i] + 1;
    }
  }
  const neg = scores.length - pos;
  if (pos === 0 || neg === 0) return NaN;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

export function mean(values: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      sum += values[i];
      count++;
    }
  }
  return count === 0 ? NaN : sum / count;
}

export function quantile(values: ArrayLike<number>, q: number): number {
  const sorted = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Isotonic (non-decreasing) regression of y on x by pool-adjacent-violators; returns a function
 * that maps any x to the fitted step value (constant beyond the ends).
 */
export function fitIsotonic(x: ArrayLike<number>, y: ArrayLike<number>): (value: number) => number {
  const pairs = finitePairs(x, y).sort((a, b) => a[0] - b[0]);
  if (pairs.length === 0) return () => NaN;
  const blocks: Array<{ xMax: number; sum: number; count: number }> = [];
  for (const [xi, yi] of pairs) {
    blocks.push({ xMax: xi, sum: yi, count: 1 });
    while (blocks.length > 1) {
      const last = blocks[blocks.length - 1];
      const prev = blocks[blocks.length - 2];
      if (prev.sum / prev.count <= last.sum / last.count) break;
      prev.sum += last.sum;
      prev.count += last.count;
      prev.xMax = last.xMax;
      blocks.pop();
    }
  }
  const bounds = blocks.map((b) => b.xMax);
  const levels = blocks.map((b) => b.sum / b.count);
  return (value: number) => {
    let lo = 0;
    let hi = bounds.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bounds[mid] < value) lo = mid + 1;
      else hi = mid;
    }
    return levels[lo];
  };
}
