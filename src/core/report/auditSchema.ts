import { z } from 'zod';

/**
 * The audit report (`audit.json`). Other tools (the extension, the forget-set audit, pipelines)
 * depend on these names: add fields freely, never rename or remove one without bumping
 * AUDIT_SCHEMA_VERSION. Documented in docs/audit-schema.md.
 */
export const AUDIT_SCHEMA_VERSION = 1;

/** A factor that could not be computed for this sample (e.g. held out, or a loaded model) is null. */
const maybe = z.number().nullable();

export const SampleFactorsSchema = z.object({
  memorization: maybe,
  memorizationSoft: maybe,
  memorizationCrossFit: maybe,
  /** Mid-rank percentile of memorization among this audit's samples (absent in older audits). */
  memorizationPercentile: maybe.optional(),
  confidence: maybe,
  maxConfidence: maybe,
  negEntropy: maybe,
  fractionCorrect: maybe,
  entanglement: z.number(),
  entanglementKnnShare: z.number(),
  entanglementCentroidRatio: maybe,
  similarCount: z.number().int().nonnegative(),
  similarCountCapped: z.boolean(),
  exactDuplicates: z.number().int().nonnegative(),
  nearestSimilarity: maybe,
  similarIds: z.array(z.string()),
  similarities: z.array(z.number()),
  /** Near-copies with another label (absent in audits before label conflicts were reported). */
  labelConflictIds: z.array(z.string()).optional(),
  labelConflictSimilarities: z.array(z.number()).optional(),
  margin: z.number(),
  loss: z.number(),
  gradNorm: z.number(),
  cumulativeGradNormSq: maybe,
  firstLearnedEpoch: maybe,
  forgettingEvents: maybe,
  variability: maybe,
  labelDisagreement: z.number(),
  predictedLabel: z.string(),
  /** Calibrated predictions (docs/science.md, "Calibrated difficulty"); absent in older reports, null without memorization. */
  residualRisk: maybe.optional(),
  persistence: maybe.optional(),
});

export const SampleSchema = z.object({
  id: z.string(),
  source: z.object({ file: z.string(), line: z.number().int().positive().optional() }),
  label: z.string(),
  split: z.enum(['train', 'test']),
  rank: z.number().int().positive(),
  difficulty: z.number().min(0).max(1),
  /** The hand-weighted factor composite that was `difficulty` before calibration (absent in older reports). */
  compositeDifficulty: z.number().min(0).max(1).optional(),
  /** Which calibrated prediction sets the difficulty; 'composite' when they could not be computed (absent in older reports). */
  drivenBy: z.enum(['persistence', 'residualRisk', 'composite']).optional(),
  reasons: z.array(z.string()).min(1),
  contributions: z.record(z.string(), z.number()),
  preview: z.string(),
  factors: SampleFactorsSchema,
});

export const AuditReportSchema = z.object({
  schemaVersion: z.literal(AUDIT_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('forgetlens'), version: z.string() }),
  createdAt: z.string(),
  dataset: z.object({
    path: z.string(),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
    format: z.enum(['csv', 'tsv', 'jsonl', 'parquet', 'images', 'idx']),
    rows: z.number().int().positive(),
    features: z.number().int().positive(),
    classes: z.array(z.string()).min(2),
    labelColumn: z.string(),
    idColumn: z.string().nullable(),
    missingValues: z.number().int().nonnegative(),
    columns: z.array(
      z.object({ name: z.string(), kind: z.string(), width: z.number().int().nonnegative(), missing: z.number().int().nonnegative(), note: z.string().optional() }),
    ),
    /** How a table file was read (absent for images and IDX, and in reports from before 0.x). */
    reading: z
      .object({
        compression: z.enum(['none', 'gzip', 'zstd']),
        encoding: z.enum(['utf-8', 'utf-16le', 'utf-16be', 'latin-1']).optional(),
        delimiter: z.enum([',', ';', '\t', '|']).optional(),
        delimiterSource: z.enum(['forced', 'sniffed']).optional(),
        decimalMark: z.enum(['.', ',']).optional(),
        infiniteValues: z.number().int().nonnegative(),
        labelBins: z.object({ bins: z.number().int().positive(), edges: z.array(z.number()) }).optional(),
        notes: z.array(z.string()),
      })
      .optional(),
  }),
  model: z.object({
    source: z.enum(['trained', 'loaded']),
    backend: z.string(),
    backendNotes: z.array(z.string()),
    architecture: z.string(),
    /** A loaded ONNX model: the graph value the embeddings were read from. */
    embeddingSource: z.string().optional(),
    /** Which model (or user file) each factor's inputs came from. */
    factorSources: z.array(z.object({ factors: z.array(z.string()), source: z.string() })).optional(),
    seed: z.number().int(),
    epochs: z.number().int().nullable(),
    trainSamples: z.number().int().nonnegative(),
    testSamples: z.number().int().nonnegative(),
    testSource: z.enum(['held-out split', 'test file', 'none']),
    trainAccuracy: z.number().min(0).max(1),
    testAccuracy: z.number().min(0).max(1).nullable(),
  }),
  settings: z.object({
    mode: z.enum(['fast', 'thorough']),
    k: z.number().int().positive().nullable(),
    seed: z.number().int(),
    testFraction: z.number().min(0).max(0.5),
    similarity: z.object({ input: z.union([z.number(), z.literal('auto')]), embedding: z.number(), inputEffective: z.number() }),
    neighbours: z.number().int().positive(),
    factorWeights: z.record(z.string(), z.number()),
    /** How difficulty is computed from the calibrated predictions (absent in older reports). */
    difficultyFunction: z.string().optional(),
  }),
  diagnostics: z.object({
    unavailableFactors: z.array(z.object({ factor: z.string(), why: z.string() })),
    inputSearch: z.object({ method: z.enum(['exact', 'random-projection', 'model-space']), dimensions: z.number().int(), recallAtK: z.number().nullable() }),
    /** How the model-space neighbours were searched (absent in older audits). */
    embeddingSearch: z.object({ method: z.enum(['exact', 'principal-projection']), dimensions: z.number().int(), recallAt10: z.number() }).optional(),
    nearDuplicates: z
      .object({
        method: z.enum(['cosine', 'shift-tolerant-correlation']),
        rule: z.enum(['dataset-adaptive', 'fixed']),
        threshold: z.number(),
        nearestMedian: z.number().nullable(),
        logDistanceSpread: z.number().nullable(),
        z: z.number().nullable(),
        candidates: z.number().int(),
        why: z.string(),
        /** The local rule beside the global threshold (audits before the copy-gap rule only). */
        local: z.object({ reference: z.number().int(), cut: z.number(), maxCut: z.number().optional(), median: z.number(), spread: z.number(), z: z.number() }).optional(),
        /** Images: the aligned pixel correlation's own threshold beside the thumbnails' (audits before the copy-gap rule only). */
        aligned: z
          .object({ threshold: z.number(), nearestMedian: z.number().nullable(), logDistanceSpread: z.number().nullable(), z: z.number().nullable(), candidates: z.number().int(), maxShift: z.number().int() })
          .optional(),
        /** The copy-gap rule, per score it was applied to (audits since branch neargap, with 'auto'). */
        copyGap: z
          .array(
            z.object({
              score: z.enum(['thumbnail correlation', 'aligned pixel correlation', 'cosine']),
              candidates: z.number().int(),
              maxGroup: z.number().int(),
              cut: z.number(),
              minCut: z.number(),
              median: z.number(),
              spread: z.number(),
              z: z.number(),
              samples: z.number().int(),
            }),
          )
          .optional(),
        /** Where the candidates came from (absent in older audits). */
        candidateSources: z.array(z.enum(['model space', 'thumbnails', 'input space'])).optional(),
        /** How the thumbnail candidates were searched, with the shortcut's recall (absent in older audits and for tables). */
        thumbnailSearch: z.object({ method: z.enum(['exact', 'principal-projection']), dimensions: z.number().int(), recallAt10: z.number() }).optional(),
      })
      .optional(),
    memorizationMethod: z.string(),
    /** model: the audited model's own memorization; head: heads on a loaded model's frozen embeddings (memorizationScale.ts). Absent in older audits. */
    memorizationScale: z.enum(['model', 'head']).optional(),
    proxyVsMemorizationSpearman: z.number().nullable(),
  }),
  timings: z.record(z.string(), z.number().nonnegative()),
  summary: z.object({
    meanDifficulty: z.number(),
    hard: z.number().int().nonnegative(),
    withSimilarSamples: z.number().int().nonnegative(),
    /** Samples with a near-copy under another label (absent in older audits). */
    withLabelConflicts: z.number().int().nonnegative().optional(),
    memorized: z.number().int().nonnegative(),
    /** persistence ≥ 0.5 and residualRisk ≥ 0.5, counted separately (absent in older reports). */
    cannotRemoveByDeletion: z.number().int().nonnegative().optional(),
    needsStrongUnlearning: z.number().int().nonnegative().optional(),
  }),
  samples: z.array(SampleSchema),
});

export type AuditReport = z.infer<typeof AuditReportSchema>;
export type AuditSample = z.infer<typeof SampleSchema>;
export type SampleFactors = z.infer<typeof SampleFactorsSchema>;

/** Validate a report; throws with the first problems listed by path. */
export function validateAuditReport(value: unknown): AuditReport {
  const result = AuditReportSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`audit report does not match schema v${AUDIT_SCHEMA_VERSION}: ${problems.join('; ')}`);
  }
  return result.data;
}
