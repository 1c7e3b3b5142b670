import { MemorizationScale } from './memorizationScale';

/**
 * The composite difficulty: one number in [0,1] per sample, and the two or three factors that
 * drive it in words a reviewer can act on. Each factor is first mapped to a [0,1] "pressure"
 * on an absolute scale (so a clean dataset is not forced to have hard samples), then combined
 * as a weighted noisy-OR: any single strong factor is enough to make a sample hard.
 */
export interface DifficultyInputs {
  memorization: number | null;
  /** Default model. A head's memorization keeps its own (smaller) scale here: see memorizationScale.ts. */
  memorizationScale?: MemorizationScale;
  similarCount: number;
  similarCountCapped: boolean;
  exactDuplicates: number;
  entanglement: number;
  entanglementKnnShare: number;
  labelDisagreement: number;
  fractionCorrect: number | null;
  forgettingEvents: number | null;
  heldOut: boolean;
}

export interface Difficulty {
  difficulty: number;
  reasons: string[];
  /** Each factor's weighted pressure, for the breakdown chart. */
  contributions: Record<FactorName, number>;
}

export type FactorName = 'memorization' | 'similarSamples' | 'entanglement' | 'labelDisagreement' | 'learningDifficulty';

export const FACTOR_WEIGHTS: Record<FactorName, number> = {
  memorization: 0.85,
  similarSamples: 0.9,
  entanglement: 0.5,
  labelDisagreement: 0.5,
  learningDifficulty: 0.5,
};

/** Weighted pressure below which a factor is not named as a reason. */
const REASON_FLOOR = 0.2;
const MAX_REASONS = 3;

export function scoreDifficulty(f: DifficultyInputs): Difficulty {
  const pressures: Record<FactorName, number> = {
    memorization: f.memorization === null ? 0 : clamp01(f.memorization),
    similarSamples: 1 - 0.5 ** f.similarCount,
    entanglement: clamp01(f.entanglement),
    labelDisagreement: clamp01((f.labelDisagreement - 0.2) / 0.8),
    learningDifficulty: learningPressure(f.fractionCorrect, f.forgettingEvents),
  };
  const contributions = {} as Record<FactorName, number>;
  let keep = 1;
  for (const name of Object.keys(FACTOR_WEIGHTS) as FactorName[]) {
    contributions[name] = round4(FACTOR_WEIGHTS[name] * pressures[name]);
    keep *= 1 - FACTOR_WEIGHTS[name] * pressures[name];
  }
  const ordered = (Object.keys(contributions) as FactorName[])
    .filter((name) => contributions[name] >= REASON_FLOOR)
    .sort((a, b) => contributions[b] - contributions[a])
    .slice(0, MAX_REASONS);
  const reasons = ordered.map((name) => describe(name, f));
  if (f.heldOut) reasons.push('held out from training to measure test accuracy: the audited model never saw it');
  if (reasons.length === 0) reasons.push('no strong factor: a typical sample that unlearning should remove easily');
  return { difficulty: round4(1 - keep), reasons, contributions };
}

function learningPressure(fractionCorrect: number | null, forgettingEvents: number | null): number {
  if (fractionCorrect === null) return 0;
  const neverLearned = 1 - fractionCorrect;
  const unstable = forgettingEvents === null ? 0 : Math.min(1, forgettingEvents / 5);
  return clamp01(Math.max(neverLearned, unstable));
}

function describe(name: FactorName, f: DifficultyInputs): string {
  switch (name) {
    case 'memorization':
      return f.memorizationScale === 'head'
        ? `head-memorized (${fmt(f.memorization ?? 0)}): a classifier head on the model's embeddings gets it right mainly because it trained on it`
        : `memorized (${fmt(f.memorization ?? 0)}): the model gets it right mainly because it trained on it`;
    case 'similarSamples': {
      const count = `${f.similarCount}${f.similarCountCapped ? '+' : ''}`;
      const exact = f.exactDuplicates > 0 ? ` (${f.exactDuplicates} exact ${plural(f.exactDuplicates, 'copy', 'copies')})` : '';
      return `${count} near-${plural(f.similarCount, 'duplicate', 'duplicates')}${exact} would remain: deleting it alone leaves its influence in the model`;
    }
    case 'entanglement':
      return `entangled: ${pct(f.entanglementKnnShare)} of its nearest neighbours in the model's feature space carry another label`;
    case 'labelDisagreement':
      return `label disagrees with ${pct(f.labelDisagreement)} of the most similar inputs: possibly mislabelled`;
    case 'learningDifficulty':
      return `hard to learn: right in only ${pct(f.fractionCorrect ?? 0)} of training epochs${
        f.forgettingEvents ? `, forgotten ${f.forgettingEvents} ${plural(f.forgettingEvents, 'time', 'times')}` : ''
      }`;
  }
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

function pct(v: number): string {
  return `${Math.round(v * 100)}%`;
}

function fmt(v: number): string {
  return v.toFixed(2);
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0;
}

function round4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}
