/** Small seeded PRNG (mulberry32): the same seed gives the same sequence on every platform. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Derive an independent seed for a named sub-task, so adding one task does not shift the others. */
export function deriveSeed(seed: number, ...parts: Array<string | number>): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (const part of parts) {
    for (const ch of String(part) + '\u0000') {
      h ^= ch.charCodeAt(0);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
  }
  return h;
}

export function shuffleInPlace<T>(items: T[] | Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
}

export function permutation(n: number, random: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  shuffleInPlace(order, random);
  return order;
}

/**
 * Stratified random split: from each class, `fraction` of its samples (rounded, at least one when
 * the class has two or more and fraction > 0) go to the first part. Returns sorted index lists.
 */
export function stratifiedSplit(
  y: Int32Array,
  fraction: number,
  random: () => number,
  indices?: Int32Array,
): { picked: Int32Array; rest: Int32Array } {
  const pool = indices ?? Int32Array.from(y.keys());
  const byClass = new Map<number, number[]>();
  for (const i of pool) {
    const list = byClass.get(y[i]) ?? [];
    list.push(i);
    byClass.set(y[i], list);
  }
  const picked: number[] = [];
  const rest: number[] = [];
  for (const cls of [...byClass.keys()].sort((a, b) => a - b)) {
    const members = byClass.get(cls)!;
    shuffleInPlace(members, random);
    let take = Math.round(members.length * fraction);
    if (fraction > 0 && take === 0 && members.length >= 2) take = 1;
    if (take >= members.length && fraction < 1) take = members.length - 1;
    picked.push(...members.slice(0, take));
    rest.push(...members.slice(take));
  }
  return {
    picked: Int32Array.from(picked.sort((a, b) => a - b)),
    rest: Int32Array.from(rest.sort((a, b) => a - b)),
  };
}
