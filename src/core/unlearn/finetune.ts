import { BatchSampler, crossEntropy, runUnlearningSteps } from './steps';
import { FINETUNE_LEARNING_RATE, param, retainEpochs, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/** Fine-tune: keep training on the retain set only, so the forget set fades (RUM: lr 0.01, ~10 epochs). */
export const finetune: UnlearningAlgorithm = {
  name: 'finetune',
  summary: 'keeps training on the retained data only',
  defaults: (task) => ({ epochs: retainEpochs(task), learningRate: FINETUNE_LEARNING_RATE }),
  async run(model, task, params, ctx) {
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed);
    return runUnlearningSteps(
      model,
      { epochs: param(params, 'epochs'), stepsPerEpoch: stepsPerEpoch(task.retainIdx.length, task.batchSize), learningRate: param(params, 'learningRate') },
      () => () => crossEntropy(model, task.data.X, task.data.yOneHot, retain.next()),
      task,
      ctx,
    );
  },
};
