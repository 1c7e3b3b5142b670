import { initBackend, BackendName } from '../src/core/model/backend';
import * as tf from '@tensorflow/tfjs-core';
import { loadDataset } from '../src/core/data/load';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp, sizeArchitecture } from '../src/core/model/mlp';
import { trainMlp } from '../src/core/model/train';

/** Samples per second training the default MLP for two epochs on 10k Fashion-MNIST images, per backend. */
export async function trainingThroughput(fashion: string): Promise<Array<{ backend: BackendName; samplesPerSecond: number }>> {
  const { dataset } = await loadDataset(fashion, { limit: 10_000 });
  const out: Array<{ backend: BackendName; samplesPerSecond: number }> = [];
  for (const backend of ['wasm', 'cpu'] as BackendName[]) {
    await initBackend(backend);
    const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
    const model = Mlp.create(sizeArchitecture(dataset.numFeatures, dataset.classes.length), 1);
    const all = Int32Array.from(dataset.y.keys());
    const epochs = backend === 'cpu' ? 1 : 2;
    const started = performance.now();
    await trainMlp(model, data, all, { epochs, batchSize: 256, learningRate: 0.002, seed: 1, record: true });
    out.push({ backend, samplesPerSecond: (epochs * all.length) / ((performance.now() - started) / 1000) });
    model.dispose();
    data.dispose();
    tf.disposeVariables();
  }
  return out;
}
