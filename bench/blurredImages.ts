import { GreyImages } from '../src/core/factors/alignedCorrelation';

/**
 * Grey images blurred by a Gaussian of `sigma` pixels, then block-averaged by `factor`: the
 * variants bench/neardupScorers.ts compares with the unblurred pixels (blur makes noise, JPEG
 * blocking and a downscale resemble each other, but also makes different garments alike).
 */
export function blurredImages(images: GreyImages, n: number, sigma: number, factor = 1): GreyImages {
  const { side } = images;
  const kernel = gaussianKernel(sigma);
  const small = Math.floor(side / factor);
  const area = side * side;
  const data = new Float32Array(n * small * small);
  const image = new Float32Array(area);
  const pass = new Float32Array(area);
  for (let i = 0; i < n; i++) {
    image.set(images.data.subarray(i * area, (i + 1) * area));
    convolve(image, pass, side, kernel, 1, side);
    convolve(pass, image, side, kernel, side, 1);
    const out = i * small * small;
    for (let y = 0; y < small; y++) {
      for (let x = 0; x < small; x++) {
        let sum = 0;
        for (let by = 0; by < factor; by++) for (let bx = 0; bx < factor; bx++) sum += image[(y * factor + by) * side + x * factor + bx];
        data[out + y * small + x] = sum / (factor * factor);
      }
    }
  }
  return { side: small, data };
}

function gaussianKernel(sigma: number): Float32Array {
  if (sigma <= 0) return Float32Array.of(1);
  const radius = Math.ceil(2.5 * sigma);
  const kernel = Float32Array.from({ length: 2 * radius + 1 }, (_, k) => Math.exp(-((k - radius) ** 2) / (2 * sigma * sigma)));
  const total = kernel.reduce((s, v) => s + v, 0);
  return kernel.map((v) => v / total);
}

/** One separable pass along `step` (1: rows, side: columns); outside the frame is background 0. */
function convolve(src: Float32Array, dst: Float32Array, side: number, kernel: Float32Array, step: number, lineStep: number): void {
  const radius = (kernel.length - 1) / 2;
  for (let line = 0; line < side; line++) {
    for (let t = 0; t < side; t++) {
      let sum = 0;
      for (let k = -radius; k <= radius; k++) {
        const u = t + k;
        if (u >= 0 && u < side) sum += kernel[k + radius] * src[line * lineStep + u * step];
      }
      dst[line * lineStep + t * step] = sum;
    }
  }
}
