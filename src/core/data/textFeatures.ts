/** Hashed bag of word unigrams and bigrams: a fixed-width vector for free text. */
export const TEXT_BUCKETS = 1024;

export function hashText(text: string, out: Float32Array, offset: number): void {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const counts = new Map<number, number>();
  const add = (token: string) => {
    const bucket = fnv1a(token) % TEXT_BUCKETS;
    counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
  };
  for (let i = 0; i < words.length; i++) {
    add(words[i]);
    if (i + 1 < words.length) add(`${words[i]} ${words[i + 1]}`);
  }
  let norm = 0;
  for (const [bucket, count] of counts) {
    const v = Math.log1p(count);
    out[offset + bucket] = v;
    norm += v * v;
  }
  if (norm > 0) {
    const scale = 1 / Math.sqrt(norm);
    for (const bucket of counts.keys()) out[offset + bucket] *= scale;
  }
}

/** 32-bit FNV-1a over UTF-16 code units: stable across platforms and runs. */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}
