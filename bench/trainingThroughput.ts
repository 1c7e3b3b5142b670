import * as tf from '@tensorflow/tfjs-core';
import { BackendName, initBackend } from '../src/core/model/backend';
import { toDeviceData } from '../src/core/model/deviceData';
import { Mlp } from '../src/core/model/mlp';
import { trainMlp } from '../src/core/model/train';
import { BenchData } from './benchData';

export interface ThroughputRun {
  backend: BackendName;
  /** Per-sample statistics recorded every step, as for the audit's original model. */
  record: boolean;
  epochs: number;
  /** Per second of wall time, and per second of this process's CPU time (what one unshared core does). */
  samplesPerSecond: number;
  samplesPerCpuSecond: number;
}

/** Samples per second training the default MLP on the training rows with the default schedule. */
export async function trainingThroughput(d: BenchData, backend: BackendName, record: boolean, epochs = d.train.epochs): Promise<ThroughputRun> {
  await initBackend(backend);
  const { dataset, split } = d;
  const data = toDeviceData(dataset.X, dataset.numFeatures, dataset.y, dataset.classes.length);
  const model = Mlp.create(d.arch, 1);
  try {
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    await trainMlp(model, data, split.trainIdx, { ...d.train, epochs, record });
    const cpu = process.cpuUsage(cpuBefore);
    const samples = epochs * split.trainIdx.length;
    return { backend, record, epochs, samplesPerSecond: samples / ((performance.now() - started) / 1000), samplesPerCpuSecond: samples / ((cpu.user + cpu.system) / 1e6) };
  } finally {
    model.dispose();
    data.dispose();
    tf.disposeVariables();
  }
}
