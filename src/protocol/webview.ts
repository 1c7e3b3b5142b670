/** Verdict of a sample in an audited deletion request (forget set). */
export type Verdict = 'forgettable' | 'hard' | 'ineffective-alone';
export const VERDICTS: readonly Verdict[] = ['forgettable', 'hard', 'ineffective-alone'];

/** One row of the results table: what the panel needs to list, sort and filter a sample. */
export interface SampleRow {
  id: string;
  rank: number;
  label: string;
  split: 'train' | 'test';
  difficulty: number;
  reason: string;
  /** Calibrated predictions; null when the report has none (older report, held-out sample, loaded model). */
  residualRisk?: number | null;
  persistence?: number | null;
  memorization: number | null;
  /** Mid-rank percentile of memorization in this dataset (0..1). */
  memorizationPercentile?: number | null;
  confidence: number | null;
  similarCount: number;
  entanglement: number;
  labelDisagreement: number;
  preview: string;
  file: string;
  line?: number;
  /** Set when the sample is in the audited forget set. */
  verdict?: Verdict;
  /** Image samples: the file's path inside the dataset folder ('/'-separated), for its thumbnail. */
  image?: string;
}

export interface ReportMeta {
  datasetPath: string;
  rows: number;
  features: number;
  classes: string[];
  mode: string;
  backend: string;
  trainAccuracy: number;
  testAccuracy: number | null;
  summary: { hard: number; withSimilarSamples: number; memorized: number; meanDifficulty: number; cannotRemoveByDeletion?: number; needsStrongUnlearning?: number };
  /** head: memorization of classifier heads on a loaded model's embeddings, to be read by rank (memorizationScale.ts). */
  memorizationScale?: 'model' | 'head';
  stale: boolean;
  createdAt: string;
  /** Webview URI of the image dataset's folder (thumbnails are below it); null for tables. */
  thumbnailRoot: string | null;
  /** Things the user should know about this view (large file, Restricted Mode). */
  notices: string[];
}

/** Full detail of one sample, sent when it is selected. */
export interface SampleDetail {
  id: string;
  label: string;
  difficulty: number;
  reasons: string[];
  /** "memorization 0.91", or "head memorization 0.06 (above 97% of samples)" for a loaded model. */
  memorization?: string;
  /** The calibrated predictions; setsDifficulty: whether difficulty is their larger one (else the factor composite, and they are only shown). */
  predictions?: { residualRisk: number; persistence: number; setsDifficulty: boolean };
  contributions: Record<string, number>;
  factors: Record<string, number | string | boolean | null | string[] | number[]>;
  similar: Array<{ id: string; similarity: number }>;
  /** Near-copies with another label, and the words for them (optional: older hosts send none). */
  labelConflicts?: Array<{ id: string; label: string; text: string }>;
}

export interface ForgetMethod {
  name: string;
  tow: number;
  towMia: number | null;
  mia: number | null;
  relativeTime: number;
  forgetAcc: number | null;
}

export interface ForgetSummary {
  text: string;
  methods: ForgetMethod[];
  /** carriers: the confirmed ones, with why; nearDuplicates: the audit's, listed whatever the verdict. */
  verdicts: Array<{ id: string; verdict: Verdict; evidence: string; carriers?: Array<{ id: string; why: string }>; nearDuplicates?: string[]; labelConflicts?: Array<{ id: string; text: string }> }>;
  /** What the counterfactual retrain without the candidate carriers cost. */
  carrierCost?: string;
  counts: Record<Verdict, number>;
  alsoConsiderDeleting: string[];
  rum: { rum: ForgetMethod; control: ForgetMethod; recipe: string[]; estimate?: 'fast' | 'thorough' | 'confidence-proxy'; tierSizes?: number[] } | null;
  htmlReport: string | null;
}

export type PanelTab = 'samples' | 'forget';

export type HostToWebview =
  | { type: 'meta'; meta: ReportMeta }
  | { type: 'rows'; rows: SampleRow[]; done: boolean }
  | { type: 'detail'; detail: SampleDetail }
  | { type: 'select'; id: string }
  | { type: 'showTab'; tab: PanelTab }
  | { type: 'forget'; forget: ForgetSummary | null }
  | { type: 'empty'; message: string; notices: string[] };

export type ChartFormat = 'svg' | 'png';

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; id: string }
  | { type: 'detail'; id: string }
  | { type: 'exportChart'; format: ChartFormat; name: string; data: string }
  | { type: 'exportReport' }
  | { type: 'runAudit' };

/** Rows are sent in pages so a 60k-sample report does not block either side. */
export const ROWS_PER_MESSAGE = 5000;
