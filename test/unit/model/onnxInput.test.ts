import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../../src/core/errors';
import { planOnnxInput } from '../../../src/core/model/onnxInput';

// A 2x3 RGB "image dataset" of two samples, stored channel last and standardised per value as
// the reader stores it: raw pixel = X * std + mean.
const H = 2;
const W = 3;
const C = 3;
const raw = Float32Array.from({ length: 2 * H * W * C }, (_, k) => (k % 251) / 255);
const mean = Array.from({ length: H * W * C }, (_, j) => (raw[j] + raw[H * W * C + j]) / 2);
const std = Array.from({ length: H * W * C }, (_, j) => Math.abs(raw[j] - raw[H * W * C + j]) / 2);
const X = raw.map((v, k) => (std[k % (H * W * C)] > 0 ? (v - mean[k % (H * W * C)]) / std[k % (H * W * C)] : 0));
const images = { path: '/d/pets', format: 'images' as const, numFeatures: H * W * C, image: { height: H, width: W, channels: C, mean, std } };
const input = (dims: Array<number | null>, elemType = 1) => ({ name: 'x', dims, elemType });
const close = (a: Float32Array, b: ArrayLike<number>) => a.length === b.length && a.every((v, k) => Math.abs(v - b[k]) < 1e-6);

test('NCHW gets each channel as one plane of [0, 1] pixels; NHWC gets them as stored', () => {
  const nchw = planOnnxInput(input([null, C, H, W]), images, 'm.onnx');
  assert.deepEqual(nchw.dims(2), [2, C, H, W]);
  const planes = nchw.batch(X, 1, 1);
  // Sample 1, channel c, pixel p (row-major) is raw value at (1, p, c) channel last.
  const expected = Array.from({ length: H * W * C }, (_, k) => raw[H * W * C + (k % (H * W)) * C + Math.floor(k / (H * W))]);
  assert.ok(close(planes, expected), `${Array.from(planes)} vs ${expected}`);
  const nhwc = planOnnxInput(input([null, H, W, C]), images, 'm.onnx');
  assert.deepEqual(nhwc.dims(1), [1, H, W, C]);
  assert.ok(close(nhwc.batch(X, 0, 2), raw));
});

test('flat inputs take the encoded features; a one-channel image fits any shape of as many values', () => {
  const flat = planOnnxInput(input([null, H * W * C]), images, 'm.onnx');
  assert.deepEqual(flat.dims(2), [2, H * W * C]);
  assert.ok(close(flat.batch(X, 0, 2), X));
  const gray = { ...images, numFeatures: H * W, image: { height: H, width: W, channels: 1, mean: mean.slice(0, H * W), std: std.slice(0, H * W) } };
  const grayX = X.slice(0, 2 * H * W);
  const rowMajor = planOnnxInput(input([null, 1, H * W]), gray, 'm.onnx');
  assert.deepEqual(rowMajor.dims(2), [2, 1, H * W]);
  assert.ok(close(rowMajor.batch(grayX, 0, 2), planOnnxInput(input([null, 1, H, W]), gray, 'm.onnx').batch(grayX, 0, 2)));
  assert.deepEqual(planOnnxInput(input([null, H, W]), gray, 'm.onnx').dims(3), [3, H, W]);
});

test('other shapes, tables and non-float inputs are refused naming the model input and the data', () => {
  const refused = (f: () => unknown, pattern: RegExp) => assert.throws(f, (err: unknown) => err instanceof InputError && pattern.test(err.message));
  refused(() => planOnnxInput(input([null, 1, H, W]), images, 'm.onnx'), /input "x" of shape \[n, 1, 2, 3\] does not fit pets, whose images are 2x3 with 3 channels \(18 values per sample; expected \[n, 3, 2, 3\] or \[n, 2, 3, 3\]\)/);
  refused(() => planOnnxInput(input([null, 1, 18]), images, 'm.onnx'), /does not fit pets/);
  const table = { path: '/d/wine.csv', format: 'csv' as const, numFeatures: 13 };
  refused(() => planOnnxInput(input([null, 1, 13, 1]), table, 'm.onnx'), /input "x" of shape \[n, 1, 13, 1\] takes images, but wine\.csv is a csv table of 13 features/);
  refused(() => planOnnxInput(input([null, 13], 11), table, 'm.onnx'), /is not float32 \(ONNX element type 11\)/);
});
