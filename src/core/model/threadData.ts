import { BackendPreference, initBackend } from './backend';
import { DeviceData, toDeviceData } from './deviceData';

/** What a training thread holds once its backend is up: the backend's name and, if given, the data on it. */
export interface ThreadData {
  ready: Promise<void>;
  backend: () => string;
  data: () => DeviceData | undefined;
}

/** Start the thread's TF.js backend and put the dataset (if any) on it. */
export function threadData(backend: BackendPreference, host?: { X: Float32Array; y: Int32Array; numFeatures: number; numClasses: number }): ThreadData {
  let name = '';
  let data: DeviceData | undefined;
  const ready = initBackend(backend).then((info) => {
    name = info.name;
    if (host) data = toDeviceData(host.X, host.numFeatures, host.y, host.numClasses);
  });
  return { ready, backend: () => name, data: () => data };
}
