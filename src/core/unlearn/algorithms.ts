import { finetune } from './finetune';
import { l1Sparse } from './l1Sparse';
import { negGrad } from './negGrad';
import { negGradPlus } from './negGradPlus';
import { randomLabel } from './randomLabel';
import { salun } from './salun';
import { scrub } from './scrub';
import { InputError } from '../errors';
import { ALGORITHM_NAMES, AlgorithmName, HyperParameters, UnlearningAlgorithm } from './types';

export const ALGORITHMS: Record<AlgorithmName, UnlearningAlgorithm> = {
  finetune,
  neggrad: negGrad,
  'neggrad+': negGradPlus,
  'random-label': randomLabel,
  salun,
  'l1-sparse': l1Sparse,
  scrub,
};

export function isAlgorithmName(name: string): name is AlgorithmName {
  return (ALGORITHM_NAMES as readonly string[]).includes(name);
}

/** Overrides must name hyper-parameters the algorithm has: a typo would otherwise be silently ignored. */
export function checkOverrides(overrides: Partial<Record<AlgorithmName, HyperParameters>>): void {
  const anyTask = { forgetIdx: new Int32Array(1), retainIdx: new Int32Array(1), batchSize: 1 };
  for (const [name, params] of Object.entries(overrides) as Array<[AlgorithmName, HyperParameters]>) {
    const known = Object.keys(ALGORITHMS[name].defaults(anyTask));
    const unknown = Object.keys(params).filter((key) => !known.includes(key));
    if (unknown.length) throw new InputError(`unknown hyper-parameter ${unknown.map((k) => `${name}.${k}`).join(', ')}: ${name} has ${known.join(', ')}`);
  }
}
