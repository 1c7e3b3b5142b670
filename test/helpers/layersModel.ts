import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Build a small TF.js Layers classifier and save it as model.json + weights.bin in `dir`. */
export async function saveLayersModel(dir: string, inputDim: number, numClasses: number): Promise<string> {
  const model = tfl.sequential({
    layers: [
      tfl.layers.dense({ inputShape: [inputDim], units: 32, activation: 'relu' }),
      tfl.layers.dense({ units: 16, activation: 'relu' }),
      tfl.layers.dense({ units: numClasses, activation: 'softmax' }),
    ],
  });
  fs.mkdirSync(dir, { recursive: true });
  await model.save({
    save: async (artifacts: tf.io.ModelArtifacts) => {
      const weights = Buffer.from(artifacts.weightData as ArrayBuffer);
      fs.writeFileSync(path.join(dir, 'weights.bin'), weights);
      const json = { modelTopology: artifacts.modelTopology, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }] };
      fs.writeFileSync(path.join(dir, 'model.json'), JSON.stringify(json));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    },
  });
  model.dispose();
  return path.join(dir, 'model.json');
}
