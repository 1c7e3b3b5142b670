import { finetune } from './finetune';
import { l1Sparse } from './l1Sparse';
import { negGrad } from './negGrad';
import { negGradPlus } from './negGradPlus';
import { randomLabel } from './randomLabel';
import { salun } from './salun';
import { scrub } from './scrub';
import { ALGORITHM_NAMES, AlgorithmName, UnlearningAlgorithm } from './types';

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
