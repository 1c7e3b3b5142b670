/**
 * A logistic model whose every coefficient has a fixed sign: the prediction can only rise with a
 * feature declared `+1` and only fall with one declared `-1`. Targets may be soft (in [0,1]), so
 * the same fit serves a probability (0/1 targets) and a share (fractional targets).
 */
export interface MonotoneLogisticModel {
  features: string[];
  /** Per feature: the training mean and spread it is standardised by before the coefficient. */
  centre: number[];
  scale: number[];
  coefficients: number[];
  intercept: number;
}

export interface FitOptions {
  /** +1: prediction non-decreasing in the feature; -1: non-increasing. */
  signs: number[];
  /** Ridge penalty on the standardised coefficients. */
  l2?: number;
  iterations?: number;
  /** Per row: its weight in the loss (default 1 each). */
  weights?: number[];
}

export function fitMonotoneLogistic(features: string[], rows: number[][], targets: number[], options: FitOptions): MonotoneLogisticModel {
  if (rows.length === 0) throw new Error('fitMonotoneLogistic: no training rows');
  if (rows.length !== targets.length) throw new Error(`fitMonotoneLogistic: ${rows.length} rows but ${targets.length} targets`);
  const d = features.length;
  if (options.signs.length !== d) throw new Error(`fitMonotoneLogistic: ${d} features but ${options.signs.length} signs`);
  rows.forEach((r, i) => {
    if (r.length !== d) throw new Error(`fitMonotoneLogistic: row ${i} has ${r.length} values, expected ${d}`);
    if (!r.every(Number.isFinite)) throw new Error(`fitMonotoneLogistic: row ${i} has a non-finite value`);
  });
  if (!targets.every((t) => t >= 0 && t <= 1)) throw new Error('fitMonotoneLogistic: targets must lie in [0,1]');
  const n = rows.length;
  const weights = options.weights ?? new Array<number>(n).fill(1);
  if (weights.length !== n) throw new Error(`fitMonotoneLogistic: ${n} rows but ${weights.length} weights`);
  if (!weights.every((v) => Number.isFinite(v) && v >= 0)) throw new Error('fitMonotoneLogistic: weights must be finite and non-negative');
  const totalWeight = weights.reduce((s, v) => s + v, 0);
  if (!(totalWeight > 0)) throw new Error('fitMonotoneLogistic: the weights sum to 0');
  const centre = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j], 0) / n);
  // A constant feature (all requests of one size) has no spread: scale 1 keeps it at z = 0, never 0/0.
  const scale = centre.map((c, j) => {
    const sd = Math.sqrt(rows.reduce((s, r) => s + (r[j] - c) ** 2, 0) / n);
    return sd > 1e-9 * Math.max(1, Math.abs(c)) ? sd : 1;
  });
  // One flat array: this loop runs thousands of times per calibration (nested cross-validation).
  const z = new Float64Array(n * d);
  rows.forEach((r, i) => r.forEach((v, j) => (z[i * d + j] = (v - centre[j]) / scale[j])));
  const l2 = options.l2 ?? 1e-3;
  const w = new Array<number>(d).fill(0);
  const meanTarget = targets.reduce((s, t, i) => s + t * weights[i], 0) / totalWeight;
  let b = logit(Math.min(1 - 1e-4, Math.max(1e-4, meanTarget)));
  // Projected gradient descent: the loss is convex, and clipping to the sign constraint is a projection.
  const rate = 0.5;
  for (let it = 0; it < (options.iterations ?? 2000); it++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    for (let i = 0; i < n; i++) {
      const at = i * d;
      let s = b;
      for (let j = 0; j < d; j++) s += w[j] * z[at + j];
      const err = (sigmoid(s) - targets[i]) * weights[i];
      gb += err;
      for (let j = 0; j < d; j++) gw[j] += err * z[at + j];
    }
    const db = (rate * gb) / totalWeight;
    b -= db;
    let largest = Math.abs(db);
    for (let j = 0; j < d; j++) {
      const before = w[j];
      w[j] -= rate * (gw[j] / totalWeight + l2 * w[j]);
      if (w[j] * options.signs[j] < 0) w[j] = 0;
      largest = Math.max(largest, Math.abs(w[j] - before));
    }
    // Converged: further steps would move no coefficient by more than rounding.
    if (largest < 1e-7) break;
  }
  return { features, centre, scale, coefficients: w, intercept: b };
}

export function predictMonotoneLogistic(model: MonotoneLogisticModel, row: number[]): number {
  let s = model.intercept;
  for (let j = 0; j < model.features.length; j++) s += (model.coefficients[j] * (row[j] - model.centre[j])) / model.scale[j];
  return sigmoid(s);
}

function sigmoid(s: number): number {
  return 1 / (1 + Math.exp(-s));
}

function logit(p: number): number {
  return Math.log(p / (1 - p));
}
