import { midRankPercentile } from '../util/midRank';
import { MemorizationScale, memorizedCountWords } from '../../protocol/memorizationScale';

export { MEMORIZATION_NAMES, memorizedCountWords } from '../../protocol/memorizationScale';
export type { MemorizationScale } from '../../protocol/memorizationScale';

/**
 * Which quantity a report's memorization is. "model": ForgetLens trained the model, so the
 * estimate is how much the model itself needs the sample (Feldman & Zhang's scale, 0.5 = the
 * sample's own presence decides its prediction). "head": the user's model was loaded; only
 * classifier heads on its frozen embeddings can be retrained, so the estimate is how much such a
 * head needs the sample. A head on good features needs single samples far less (on digits with
 * planted flipped labels, 0.06 flipped vs 0.006 clean, against 0.90 vs 0.09 for the MLP), so its
 * values must be read against the same dataset's other samples, never against the model scale.
 */

/** The report's scale; reports from before it was recorded: head exactly when the model was loaded. */
export function memorizationScaleOf(report: { model?: { source: 'trained' | 'loaded' }; diagnostics?: { memorizationScale?: MemorizationScale } }): MemorizationScale {
  return report.diagnostics?.memorizationScale ?? (report.model?.source === 'loaded' ? 'head' : 'model');
}

/**
 * Each value's mid-rank percentile among the non-null values, in [0, 1]: the share of samples
 * below it plus half of those tied with it. Null stays null.
 */
export function percentiles(values: ReadonlyArray<number | null>): Array<number | null> {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return values.map((v) => {
    if (v === null) return null;
    return Math.round(midRankPercentile(known, v) * 1e4) / 1e4;
  });
}

type ScaledReport = Parameters<typeof memorizationScaleOf>[0] & { summary: { memorized: number } };

/** "12 memorized" or "3 head-memorized": the summary count, named by its scale. */
export function memorizedCountText(report: ScaledReport): string {
  return memorizedCountWords(report.summary.memorized, memorizationScaleOf(report));
}


/**
 * For head memorization, how to read it: against this dataset's distribution. Undefined on the
 * model scale, whose fixed threshold already means something.
 */
export function headMemorizationNote(report: ScaledReport & { samples: Array<{ factors: { memorization: number | null } }> }): string | undefined {
  if (memorizationScaleOf(report) !== 'head') return undefined;
  const values = report.samples.map((s) => s.factors.memorization).filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (values.length === 0) return undefined;
  const at = (q: number) => values[Math.min(values.length - 1, Math.floor(q * values.length))].toFixed(3);
  return `head memorization (classifier heads retrained on the loaded model's frozen embeddings) is on a smaller scale than a trained model's memorization: read it by rank in this dataset (median ${at(0.5)}, top 10% from ${at(0.9)}, top 1% from ${at(0.99)})`;
}
