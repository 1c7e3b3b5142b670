// Settings only, apart from the search, so the extension can name the defaults without bundling it.
export interface SimilarityThresholds {
  /**
   * Input similarity at or above which two samples are near-duplicates; 'auto' accepts a sample's
   * closest candidates when they stand out from its own further candidates (see copyGap.ts).
   */
  input: number | 'auto';
  /**
   * Cosine on centred embeddings a near-duplicate must also reach; −1 turns the check off. Off by
   * default: augmented copies (shifted, brightened) often land apart in a small model's embedding.
   */
  embedding: number;
}

export const DEFAULT_SIMILARITY: SimilarityThresholds = { input: 'auto', embedding: -1 };
