import * as path from 'node:path';
import type { Dataset } from '../data/dataset';
import { InputError } from '../errors';
import type { OnnxInput } from './onnxGraph';

/** How the dataset's rows become the model's input tensor. */
export interface InputPlan {
  /** The tensor's shape for a batch of `size` rows. */
  dims(size: number): number[];
  /** The batch's values (rows start .. start + size of X), in the model's layout. */
  batch(X: Float32Array, start: number, size: number): Float32Array;
  /** For the report: what the model was fed. */
  description: string;
}

type DatasetShape = Pick<Dataset, 'path' | 'format' | 'numFeatures' | 'image'>;

/**
 * A flat input ([N, F], or no shape declared) takes the encoded feature rows as they are. An image
 * input ([N, C, H, W], [N, H, W, C] or [N, H, W]) takes an image dataset's pixels in [0, 1], as
 * PyTorch's ToTensor gives them (any normalisation belongs inside the exported model), laid out
 * as the model declares; an input of another rank whose values per sample match a one-channel
 * image's takes its pixels in row order. Anything else is refused naming both shapes.
 */
export function planOnnxInput(input: OnnxInput | undefined, dataset: DatasetShape, modelPath: string): InputPlan {
  const F = dataset.numFeatures;
  const dims = input?.dims ?? [];
  const shown = `input "${input?.name ?? '?'}" of shape [${dims.map((d) => d ?? 'n').join(', ')}]`;
  if (input && input.elemType !== 0 && input.elemType !== 1) {
    throw new InputError(`the model's ${shown} is not float32 (ONNX element type ${input.elemType}); export it with a float32 input`, modelPath);
  }
  if (dims.length <= 2) {
    return { dims: (size) => [size, F], batch: (X, start, size) => X.slice(start * F, (start + size) * F), description: `[N, ${F}] encoded features` };
  }
  const image = dataset.image;
  const perSample = dims.slice(1);
  if (!image) {
    throw new InputError(
      `the model's ${shown} takes images, but ${path.basename(dataset.path)} is a ${dataset.format} table of ${F} features; image models audit an image folder or an IDX file`,
      modelPath,
    );
  }
  const { height: H, width: W, channels: C } = image;
  const fits = (expected: number[]) => expected.length === perSample.length && expected.every((e, k) => perSample[k] === null || perSample[k] === e);
  const toPixels = rawPixels(image);
  if (fits([C, H, W])) {
    return { dims: (size) => [size, C, H, W], batch: (X, start, size) => channelsFirst(toPixels(X, start, size), H * W, C), description: `[N, ${C}, ${H}, ${W}] pixels in [0, 1]` };
  }
  if (fits([H, W, C]) || (C === 1 && fits([H, W]))) {
    const shape = C === 1 && perSample.length === 2 ? [H, W] : [H, W, C];
    return { dims: (size) => [size, ...shape], batch: toPixels, description: `[N, ${shape.join(', ')}] pixels in [0, 1]` };
  }
  const known = perSample.every((d) => d !== null);
  const count = known ? (perSample as number[]).reduce((a, b) => a * b, 1) : NaN;
  if (C === 1 && count === H * W) {
    return { dims: (size) => [size, ...(perSample as number[])], batch: toPixels, description: `[N, ${perSample.join(', ')}] pixels in [0, 1], in row order` };
  }
  throw new InputError(
    `the model's ${shown} does not fit ${path.basename(dataset.path)}, whose images are ${H}x${W} with ${C} ${C === 1 ? 'channel' : 'channels'} ` +
      `(${H * W * C} values per sample; expected [n, ${C}, ${H}, ${W}] or [n, ${H}, ${W}, ${C}]${C === 3 ? '' : ', or any shape of that many values'})`,
    modelPath,
  );
}

function rawPixels(image: NonNullable<Dataset['image']>): (X: Float32Array, start: number, size: number) => Float32Array {
  const width = image.height * image.width * image.channels;
  return (X, start, size) => {
    const out = new Float32Array(size * width);
    for (let i = 0; i < size; i++) {
      const row = (start + i) * width;
      for (let j = 0; j < width; j++) out[i * width + j] = image.std[j] > 0 ? X[row + j] * image.std[j] + image.mean[j] : image.mean[j];
    }
    return out;
  };
}

/** Channel-last rows (pixel-major) to channel-first (channel-major). */
export function channelsFirst(values: Float32Array, pixels: number, channels: number): Float32Array {
  if (channels === 1) return values;
  const out = new Float32Array(values.length);
  const width = pixels * channels;
  for (let row = 0; row < values.length; row += width) {
    for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) out[row + c * pixels + p] = values[row + p * channels + c];
  }
  return out;
}
