/**
 * Parquet's RLE / bit-packed hybrid run of dictionary indices, decoded straight into a strided
 * column: out[at + k * stride] = dictionary[index k], for `count` indices from bytes[pos, end).
 * Bit widths up to 24 (dictionaries of up to 16M values); the caller decodes wider ones otherwise.
 */
export function writeDictionaryIndices(bytes: Uint8Array, pos: number, end: number, bitWidth: number, dictionary: Float64Array, count: number, out: Float64Array, at: number, stride: number): void {
  if (bitWidth > MAX_BIT_WIDTH) throw new Error(`dictionary index width ${bitWidth} bits is over ${MAX_BIT_WIDTH}`);
  const size = dictionary.length;
  const mask = (1 << bitWidth) - 1;
  const valueBytes = (bitWidth + 7) >> 3;
  let done = 0;
  while (done < count) {
    if (pos >= end) throw new Error(`dictionary indices end after ${done} of ${count} values`);
    let header = 0;
    let shift = 0;
    let b: number;
    do {
      b = bytes[pos++];
      header += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80 && pos < end);
    const take = Math.min(count - done, header % 2 === 1 ? Math.floor(header / 2) * 8 : Math.floor(header / 2));
    if (header % 2 === 1) {
      // Bit-packed: groups of 8 values, bitWidth bytes per group, least significant bit first.
      const runBytes = Math.floor(header / 2) * bitWidth;
      let acc = 0;
      let bits = 0;
      let p = pos;
      for (let k = 0; k < take; k++, at += stride) {
        while (bits < bitWidth) {
          acc |= (p < end ? bytes[p] : 0) << bits;
          p++;
          bits += 8;
        }
        const index = acc & mask;
        acc >>>= bitWidth;
        bits -= bitWidth;
        if (index >= size) throw new Error(`dictionary index ${index} is out of range (${size} values)`);
        out[at] = dictionary[index];
      }
      pos += runBytes;
    } else {
      let index = 0;
      for (let k = 0; k < valueBytes; k++) index += bytes[pos++] * 2 ** (8 * k);
      if (take > 0 && index >= size) throw new Error(`dictionary index ${index} is out of range (${size} values)`);
      const value = dictionary[index];
      for (let k = 0; k < take; k++, at += stride) out[at] = value;
    }
    done += take;
  }
}

const MAX_BIT_WIDTH = 24;
