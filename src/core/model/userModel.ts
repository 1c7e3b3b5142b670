import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { InputError } from '../errors';
import { Classifier, ForwardResult } from './mlp';

export interface LoadedModel extends Classifier {
  description: string;
  dispose(): void;
}

interface ModelJson {
  modelTopology?: unknown;
  format?: string;
  weightsManifest?: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

/**
 * Load a user's TF.js Layers model (model.json + weight shards) from disk. Its penultimate layer
 * gives the embeddings; its output gives the class probabilities. The input must take the
 * dataset's feature vector (or a shape with the same number of values) and the output must have
 * one unit per class.
 */
export async function loadUserModel(modelJsonPath: string, numFeatures: number, numClasses: number): Promise<LoadedModel> {
  const json = readModelJson(modelJsonPath);
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel(diskHandler(modelJsonPath, json));
  } catch (err) {
    throw new InputError(`not a loadable TF.js Layers model: ${err instanceof Error ? err.message : String(err)}`, modelJsonPath);
  }
  const inputShape = model.inputs[0].shape.slice(1) as number[];
  const inputSize = inputShape.reduce((a, b) => a * (b ?? 1), 1);
  if (inputShape.some((d) => d === null) || inputSize !== numFeatures) {
    model.dispose();
    throw new InputError(
      `the model expects inputs of shape [${inputShape.join(', ')}] (${inputSize} values) but the dataset has ${numFeatures} features`,
      modelJsonPath,
    );
  }
  const outputUnits = model.outputs[0].shape[model.outputs[0].shape.length - 1];
  if (outputUnits !== numClasses) {
    model.dispose();
    throw new InputError(`the model has ${outputUnits} outputs but the dataset has ${numClasses} classes`, modelJsonPath);
  }
  if (model.layers.length < 2) {
    model.dispose();
    throw new InputError('the model needs at least two layers: the penultimate one provides the embeddings', modelJsonPath);
  }
  const penultimate = model.layers[model.layers.length - 2];
  const both = tfl.model({ inputs: model.inputs, outputs: [penultimate.output as tfl.SymbolicTensor, model.outputs[0]] });
  const embeddingDim = (penultimate.output as tfl.SymbolicTensor).shape.slice(1).reduce((a: number, b) => a * (b ?? 1), 1);
  const outputIsProbability = lastActivation(model) === 'softmax';
  return {
    embeddingDim,
    description: `loaded TF.js Layers model ${path.basename(path.dirname(path.resolve(modelJsonPath)))}/${path.basename(modelJsonPath)} (${model.layers.length} layers, ${model.countParams()} parameters)`,
    forward(x: tf.Tensor2D): ForwardResult {
      const input = inputShape.length === 1 ? x : tf.reshape(x, [x.shape[0], ...inputShape]);
      const [hidden, output] = both.predict(input) as tf.Tensor[];
      const flatHidden = tf.reshape(hidden, [x.shape[0], embeddingDim]) as tf.Tensor2D;
      // Margins need logits; from softmax probabilities the log is the logit up to a constant.
      const logits = (outputIsProbability ? tf.log(tf.add(output, 1e-12)) : output) as tf.Tensor2D;
      return { hidden: flatHidden, logits };
    },
    dispose() {
      model.dispose();
    },
  };
}

function readModelJson(modelJsonPath: string): ModelJson {
  let text: string;
  try {
    text = fs.readFileSync(modelJsonPath, 'utf8');
  } catch (err) {
    throw new InputError(`cannot read the model: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, modelJsonPath);
  }
  try {
    const parsed = JSON.parse(text) as ModelJson;
    if (!parsed || typeof parsed !== 'object' || !parsed.modelTopology) throw new Error('no modelTopology');
    return parsed;
  } catch (err) {
    throw new InputError(`not a TF.js model.json (${err instanceof Error ? err.message : String(err)})`, modelJsonPath);
  }
}

/** An IOHandler that reads model.json's weight shards from the folder next to it. */
function diskHandler(modelJsonPath: string, json: ModelJson): tf.io.IOHandler {
  return {
    load: async () => {
      const dir = path.dirname(modelJsonPath);
      const weightSpecs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest ?? []) {
        weightSpecs.push(...group.weights);
        for (const shard of group.paths) {
          const shardPath = path.join(dir, shard);
          if (!fs.existsSync(shardPath)) throw new InputError(`weight file "${shard}" named in weightsManifest is missing`, modelJsonPath);
          buffers.push(fs.readFileSync(shardPath));
        }
      }
      const all = Buffer.concat(buffers);
      return {
        modelTopology: json.modelTopology as tf.io.ModelArtifacts['modelTopology'],
        format: json.format,
        weightSpecs,
        weightData: all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength),
      };
    },
  };
}

function lastActivation(model: tfl.LayersModel): string | undefined {
  const config = model.layers[model.layers.length - 1].getConfig() as { activation?: string };
  return config.activation;
}
