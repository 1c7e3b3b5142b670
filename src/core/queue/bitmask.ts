/** Indices ⊂ [0, n) as one bit per sample, base64: 7.5 kB for 60k samples. */
export function indicesToBitmask(indices: Int32Array, n: number): string {
  const bits = new Uint8Array(Math.ceil(n / 8));
  for (const i of indices) bits[i >> 3] |= 1 << (i & 7);
  return Buffer.from(bits).toString('base64');
}

/** The indices back, ascending; throws if the mask is not for n samples. */
export function bitmaskToIndices(mask: string, n: number): Int32Array {
  const bits = Buffer.from(mask, 'base64');
  if (bits.length !== Math.ceil(n / 8)) throw new Error(`membership mask has ${bits.length} bytes, expected ${Math.ceil(n / 8)} for ${n} samples`);
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (bits[i >> 3] & (1 << (i & 7))) out.push(i);
  for (let i = n; i < bits.length * 8; i++) if (bits[i >> 3] & (1 << (i & 7))) throw new Error(`membership mask marks sample ${i}, beyond the ${n} samples`);
  return Int32Array.from(out);
}
