import * as tf from '@tensorflow/tfjs-core';
import { Mlp } from '../model/mlp';
import { BatchSampler, runUnlearningSteps } from './steps';
import { ORIGINAL_LEARNING_RATE, halfRetainSteps, heldOutCheckpoint, param, retainEpochs, stepsPerEpoch } from './schedule';
import { UnlearnTask, UnlearningAlgorithm } from './types';

/**
 * SCRUB: the unlearned model is a student of the original. Each epoch, max-steps push it away
 * from the teacher on the forget set (KL at temperature T), then min-steps keep it close on the
 * retain set (KL plus cross-entropy). Max-steps run in the first `maxEpochs` epochs. The KL carries
 * SCRUB's T² factor (Hinton et al.'s distillation scaling), which keeps its gradients the size of
 * the cross-entropy's whatever the temperature. Like
 * SCRUB+R it rewinds to the checkpoint that looks most like a model that never saw the forget set.
 */
export const scrub: UnlearningAlgorithm = {
  name: 'scrub',
  summary: 'a student model pushed away from the original on the forget set and kept close on retained data',
  defaults: (task) => ({ steps: scrubSteps(task, 3), learningRate: ORIGINAL_LEARNING_RATE, temperature: 4, maxEpochs: 3, gamma: 1, rewind: 1, patience: 0 }),
  async run(model, task, params, ctx) {
    const temperature = param(params, 'temperature');
    const maxEpochs = param(params, 'maxEpochs');
    const gamma = param(params, 'gamma');
    const forget = new BatchSampler(task.forgetIdx, task.batchSize, task.seed);
    const retain = new BatchSampler(task.retainIdx, task.batchSize, task.seed + 1);
    const forgetSteps = stepsPerEpoch(task.forgetIdx.length, task.batchSize);
    const retainSteps = stepsPerEpoch(task.retainIdx.length, task.batchSize);
    const divergence = (batch: Int32Array) => distillationKl(task.original, model, task.data.X, batch, temperature);
    return runUnlearningSteps(
      model,
      {
        steps: param(params, 'steps'),
        stepsPerEpoch: (epoch) => (epoch < maxEpochs ? forgetSteps : 0) + retainSteps,
        learningRate: param(params, 'learningRate'),
        checkpoint: heldOutCheckpoint(model, task, params),
      },
      (_step, epoch, within) => {
        if (epoch < maxEpochs && within < forgetSteps) {
          const batch = forget.next();
          return () => tf.neg(divergence(batch)) as tf.Scalar;
        }
        const batch = retain.next();
        return () => {
          const rows = tf.tensor1d(batch, 'int32');
          const { logits } = model.forward(tf.gather(task.data.X, rows) as tf.Tensor2D);
          const ce = tf.losses.softmaxCrossEntropy(tf.gather(task.data.yOneHot, rows) as tf.Tensor2D, logits);
          return tf.add(divergence(batch), tf.mul(gamma, ce)) as tf.Scalar;
        };
      },
      task,
      ctx,
    );
  },
};

/** Half of fine-tuning's epochs over R, plus the max-steps over F of the first `maxEpochs` of them. */
function scrubSteps(task: Pick<UnlearnTask, 'forgetIdx' | 'retainIdx' | 'batchSize'>, maxEpochs: number): number {
  const epochs = Math.max(2, Math.round(retainEpochs(task) / 2));
  return halfRetainSteps(task) + Math.min(epochs, maxEpochs) * stepsPerEpoch(task.forgetIdx.length, task.batchSize);
}

/** T²·KL(teacher ‖ student) of the temperature-softened outputs, averaged over the batch. */
export function distillationKl(teacher: Mlp, student: Mlp, X: tf.Tensor2D, batch: Int32Array, temperature: number): tf.Scalar {
  const inputs = tf.gather(X, tf.tensor1d(batch, 'int32')) as tf.Tensor2D;
  // Only the student's weights are differentiated (the step's variable list), so the teacher stays fixed.
  const teacherLogProbs = tf.logSoftmax(tf.div(teacher.forward(inputs).logits, temperature));
  const studentLogProbs = tf.logSoftmax(tf.div(student.forward(inputs).logits, temperature));
  const kl = tf.mean(tf.sum(tf.mul(tf.exp(teacherLogProbs), tf.sub(teacherLogProbs, studentLogProbs)), 1));
  return tf.mul(temperature * temperature, kl) as tf.Scalar;
}
