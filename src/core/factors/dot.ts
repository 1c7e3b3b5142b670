/** Dot product of row aRow of a and row bRow of b, both `dim` wide. */
export function dot(a: Float32Array, aRow: number, b: Float32Array, bRow: number, dim: number): number {
  let sum = 0;
  const ao = aRow * dim;
  const bo = bRow * dim;
  for (let j = 0; j < dim; j++) sum += a[ao + j] * b[bo + j];
  return sum;
}
