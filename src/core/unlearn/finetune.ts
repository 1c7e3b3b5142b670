import { BatchSampler, crossEntropy, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, param, retainEpochs, retainSteps, stepsPerEpoch } from './schedule';
import { UnlearningAlgorithm } from './types';

/** Fine-tune: keep training on the retain set only, at the original model's learning rate, so the forget set fades (~10 epochs of steps). */
export const finetune: UnlearningAlgorithm = {
  name: 'finetune',
  summary: 'keeps training on the retained data only',
  defaults: (task) => ({ steps: retainSteps(task, retainEpochs(task)), learningRate: ORIGINAL_LEARNING_RATE }),
  async run(model, task, params, ctx) {
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed);
    return runUnlearningSteps(
      model,
      { steps: param(params, 'steps'), stepsPerEpoch: stepsPerEpoch(task.retainIdx.length, task.batchSize), learningRate: param(params, 'learningRate') },
      () => () => crossEntropy(model, task.data.X, task.data.yOneHot, retain.next()),
      task,
      ctx,
    );
  },
};
