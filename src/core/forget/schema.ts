import { z } from 'zod';
import { AuditReportSchema } from '../report/auditSchema';

/** forget-audit.json; documented in docs/forget-audit-schema.md. Add fields freely; renaming bumps the version. */
export const FORGET_SCHEMA_VERSION = 2;

const metrics = z.object({
  forgetAcc: z.number().nullable(),
  retainAcc: z.number().nullable(),
  testAcc: z.number().nullable(),
  mia: z.number().nullable(),
  seconds: z.number().nonnegative(),
});

const carrier = z.object({
  id: z.string(),
  label: z.string(),
  /** Input-space cosine to the requested sample. */
  similarity: z.number(),
  modelSimilarity: z.number(),
  foundIn: z.array(z.enum(['input', 'model'])),
  /** p(its own label) under the retrains without the forget set (trained on it) and without the carriers too (held out). */
  pRetrain: z.number(),
  pRetrainWithoutCarriers: z.number(),
  /** Its own evidence of carrying the requested sample's pattern: only confirmed carriers go on the also-delete list. */
  confirmed: z.boolean(),
  why: z.string(),
});

const unlearned = metrics.extend({
  name: z.string(),
  tow: z.number().min(0).max(1),
  towMia: z.number().min(0).max(1).nullable(),
  relativeTime: z.number().nonnegative(),
  params: z.record(z.string(), z.number()),
});

export const ForgetReportSchema = z.object({
  schemaVersion: z.literal(FORGET_SCHEMA_VERSION),
  tool: z.object({ name: z.literal('forgetlens'), version: z.string() }),
  startedAt: z.string(),
  finishedAt: z.string(),
  dataset: z.object({ path: z.string(), sha256: z.string(), rows: z.number().int(), classes: z.array(z.string()) }),
  forget: z.object({
    file: z.string(),
    ids: z.array(z.string()),
    sha256: z.string(),
    requested: z.number().int(),
    missing: z.array(z.string()),
    /** RUM's set-level Entanglement Score of the forget set vs the retain set (higher: harder). */
    entanglementScore: z.number().nullable(),
    /** Mean of the audit's memorization estimate over the forget set. */
    meanMemorization: z.number().nullable(),
  }),
  model: z.object({ architecture: z.string(), backend: z.string(), epochs: z.number().int(), trainSamples: z.number().int(), testSamples: z.number().int() }),
  /** Where the per-sample audit came from: the dataset's audit.json reused, or one run now (absent in older reports). */
  auditSource: z
    .object({ origin: z.enum(['reused', 'run now']), path: z.string().nullable(), createdAt: z.string(), settings: AuditReportSchema.shape.settings })
    .optional(),
  settings: z.object({ seed: z.number().int(), retrainSeeds: z.number().int(), algorithms: z.array(z.string()), rum: z.boolean(), forgottenTolerance: z.number() }),
  /** What each split was used for (optional: absent in older reports, whose rewind read the test split). */
  protocol: z
    .object({
      /** Samples in V, carved from the retain pool before any model trained. */
      validationSize: z.number().int().nonnegative(),
      validationFrom: z.literal('retain'),
      /** Neither the original nor the retrained models trained on V. */
      validationHeldOutFromTraining: z.boolean(),
      testUsedFor: z.literal('reporting only'),
      budget: z.literal('optimiser steps'),
    })
    .optional(),
  original: metrics,
  retrain: metrics,
  /** The counterfactual retrain without the forget set and all candidate carriers (same seeds as the retrains). */
  carrierRetrain: z.object({
    perSpace: z.number().int(),
    /** Retain samples held out besides the forget set (0: no requested sample needed the test, nothing was trained). */
    heldOut: z.number().int(),
    /** heldOut as a share of the retain set, and its cap (optional: absent in older reports, which had no cap). */
    heldOutShare: z.number().min(0).max(1).optional(),
    maxHeldOutShare: z.number().min(0).max(1).optional(),
    /** Requested samples whose label the retrains keep: tested by the counterfactual, or left untested by the cap (optional: absent in older reports). */
    tested: z.number().int().nonnegative().optional(),
    capped: z.number().int().nonnegative().optional(),
    models: z.number().int(),
    /** What it cost: candidate search and the extra retrains, wall clock. */
    seconds: z.number().nonnegative(),
    /** Per class: median p(label) on its test samples under both retrains; a fall beyond the tolerance voids the test for that class. */
    classCheck: z.array(z.object({ label: z.string(), pRetrain: z.number().nullable(), pRetrainWithoutCarriers: z.number().nullable() })),
  }),
  algorithms: z.array(unlearned),
  rum: z
    .object({
      recipe: z.array(z.string()),
      split: z.string(),
      /** The score the tiers were drawn by (optional: absent in older reports). */
      estimate: z.enum(['fast', 'thorough', 'confidence-proxy']).optional(),
      /** Samples in the low, medium and high tiers (optional: absent in older reports). */
      tierSizes: z.array(z.number().int().nonnegative()).length(3).optional(),
      rum: unlearned,
      control: unlearned,
      /** RUM's algorithms run once on the whole forget set (optional: absent in older reports). */
      baselines: z.array(unlearned).optional(),
    })
    .nullable(),
  samples: z.array(
    z.object({
      id: z.string(),
      source: z.object({ file: z.string(), line: z.number().int().optional() }),
      label: z.string(),
      verdict: z.enum(['forgettable', 'hard', 'ineffective-alone']),
      evidence: z.string(),
      difficulty: z.number(),
      memorization: z.number().nullable(),
      pOriginal: z.number(),
      pRetrain: z.number(),
      /** p(label) under each retrain seed, in seed order: the spread the verdict is judged against. */
      pRetrainSeeds: z.array(z.number()),
      /** p(label) retrained without the forget set and the candidate carriers (mean of seeds); null when not tested. */
      pRetrainWithoutCarriers: z.number().nullable(),
      pRetrainWithoutCarriersSeeds: z.array(z.number()),
      carriers: z.array(carrier),
      /** Whether the counterfactual retrain tested it: 'not needed' (the retrains do not keep its label), 'capped' (its candidates did not fit under the hold-out cap). Optional: absent in older reports. */
      carrierTest: z.enum(['tested', 'not needed', 'capped']).optional(),
      /** Per algorithm: reached the retrained level, over-forgot (below it by more than the tolerance), or not reached. */
      outcome: z.record(z.string(), z.enum(['reached', 'over-forgotten', 'not-reached'])),
      pUnlearned: z.record(z.string(), z.number()),
      residual: z.record(z.string(), z.number()),
      /** Calibrated P(|residual| > 0.1) per algorithm for this sample in this request (docs/CALIBRATION.md; absent in older reports). */
      residualRisk: z.record(z.string(), z.number()).optional(),
      /** Optional only so that reports written before it was added still load. */
      stepsUntilForgotten: z.record(z.string(), z.number().nullable()).optional(),
      epochsUntilForgotten: z.record(z.string(), z.number().nullable()),
      /** The audit's near-duplicates left in the retain set: listed whatever the verdict. */
      similarInRetain: z.array(z.object({ id: z.string(), similarity: z.number() })),
      /** The audit's near-copies with another label: label conflicts, never carriers (optional: absent in older reports). */
      labelConflicts: z.array(z.object({ id: z.string(), label: z.string(), similarity: z.number().nullable() })).optional(),
    }),
  ),
  prediction: z.object({
    spearman: z.record(z.string(), z.number().nullable()),
    algorithmAgreement: z.number().nullable(),
    /** Spearman of residuals per pair of algorithms, keyed "a~b" (optional: absent in older reports). */
    algorithmPairs: z.record(z.string(), z.number().nullable()).optional(),
  }),
  summary: z.object({
    text: z.string(),
    forgettable: z.number().int(),
    hard: z.number().int(),
    ineffectiveAlone: z.number().int(),
    /** Requested samples that at least one algorithm over-forgets. */
    overForgotten: z.number().int(),
    /** Confirmed carriers of ineffective-alone samples. */
    alsoConsiderDeleting: z.array(z.string()),
  }),
  reproduce: z.string(),
});

export type ForgetReport = z.infer<typeof ForgetReportSchema>;
export type ForgetSample = ForgetReport['samples'][number];

export function validateForgetReport(value: unknown): ForgetReport {
  const result = ForgetReportSchema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`forget-audit report does not match schema v${FORGET_SCHEMA_VERSION}: ${problems.join('; ')}`);
  }
  return result.data;
}
