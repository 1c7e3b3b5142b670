/** The words for a report's memorization scale (core/factors/memorizationScale.ts), shared with the panel. */
export type MemorizationScale = 'model' | 'head';

export const MEMORIZATION_NAMES: Record<MemorizationScale, string> = { model: 'memorization', head: 'head memorization' };

export function memorizedCountWords(count: number, scale: MemorizationScale): string {
  return `${count} ${scale === 'head' ? 'head-memorized' : 'memorized'}`;
}
