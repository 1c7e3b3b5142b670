import * as tf from '@tensorflow/tfjs-core';
import { deriveSeed } from '../util/random';
import { matMulFastGrad } from './fastMatMul';

export interface MlpArchitecture {
  inputDim: number;
  hidden: number[];
  numClasses: number;
}

/** Anything that maps inputs to an embedding and class logits: the default MLP or a loaded model. */
export interface Classifier {
  readonly embeddingDim: number;
  forward(x: tf.Tensor2D): ForwardResult;
}

export interface ForwardResult {
  /** Activations of the last hidden layer: the embedding g(x). */
  hidden: tf.Tensor2D;
  logits: tf.Tensor2D;
}

/** Hidden widths sized from the data: wide enough to memorise, small enough to train fast on wasm. */
export function sizeArchitecture(inputDim: number, numClasses: number): MlpArchitecture {
  const first = clamp(nextPowerOfTwo(inputDim), 32, 256);
  const second = clamp(first / 2, 32, 128);
  return { inputDim, hidden: [first, second], numClasses };
}

export function describeArchitecture(arch: MlpArchitecture): string {
  return `MLP ${[arch.inputDim, ...arch.hidden, arch.numClasses].join('-')} (ReLU, softmax)`;
}

/**
 * A plain multilayer perceptron written with core ops, so training loops, per-sample statistics and
 * the unlearning algorithms can reach every weight directly.
 */
export class Mlp implements Classifier {
  private constructor(
    readonly arch: MlpArchitecture,
    readonly params: tf.Variable[],
  ) {}

  get embeddingDim(): number {
    return this.arch.hidden[this.arch.hidden.length - 1];
  }

  /** He-normal weights, zero biases, fully determined by the seed. */
  static create(arch: MlpArchitecture, seed: number): Mlp {
    const widths = [arch.inputDim, ...arch.hidden, arch.numClasses];
    const params: tf.Variable[] = [];
    // Variables outlive the tidy; the initialiser tensors they copy do not.
    tf.tidy(() => {
      for (let layer = 0; layer < widths.length - 1; layer++) {
        const fanIn = widths[layer];
        const std = Math.sqrt(2 / fanIn);
        // tfjs treats a seed of 0 as "no seed" (Math.random): derived seeds are never 0.
        const layerSeed = deriveSeed(seed, 'init', layer) || 1;
        params.push(tf.variable(tf.randomNormal([fanIn, widths[layer + 1]], 0, std, 'float32', layerSeed)));
        params.push(tf.variable(tf.zeros([widths[layer + 1]])));
      }
    });
    return new Mlp(arch, params);
  }

  static fromWeights(arch: MlpArchitecture, weights: Float32Array[]): Mlp {
    const widths = [arch.inputDim, ...arch.hidden, arch.numClasses];
    const params: tf.Variable[] = [];
    tf.tidy(() => {
      for (let layer = 0; layer < widths.length - 1; layer++) {
        params.push(tf.variable(tf.tensor2d(weights[2 * layer], [widths[layer], widths[layer + 1]])));
        params.push(tf.variable(tf.tensor1d(weights[2 * layer + 1])));
      }
    });
    return new Mlp(arch, params);
  }

  forward(x: tf.Tensor2D): ForwardResult {
    let h: tf.Tensor2D = x;
    const layers = this.params.length / 2;
    for (let layer = 0; layer < layers - 1; layer++) {
      h = tf.relu(tf.add(matMulFastGrad(h, this.params[2 * layer] as tf.Tensor2D), this.params[2 * layer + 1])) as tf.Tensor2D;
    }
    const logits = tf.add(matMulFastGrad(h, this.params[2 * layers - 2] as tf.Tensor2D), this.params[2 * layers - 1]) as tf.Tensor2D;
    return { hidden: h, logits };
  }

  getWeights(): Float32Array[] {
    return this.params.map((p) => p.dataSync() as Float32Array).map((w) => Float32Array.from(w));
  }

  setWeights(weights: Float32Array[]): void {
    tf.tidy(() => this.params.forEach((p, i) => p.assign(tf.tensor(weights[i], p.shape))));
  }

  clone(): Mlp {
    return Mlp.fromWeights(this.arch, this.getWeights());
  }

  dispose(): void {
    for (const p of this.params) p.dispose();
  }
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, v));
}
