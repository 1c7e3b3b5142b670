/** One row of the results table: what the panel needs to list, sort and filter a sample. */
export interface SampleRow {
  id: string;
  rank: number;
  label: string;
  split: 'train' | 'test';
  difficulty: number;
  reason: string;
  memorization: number | null;
  confidence: number | null;
  similarCount: number;
  entanglement: number;
  labelDisagreement: number;
  preview: string;
  file: string;
  line?: number;
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
  summary: { hard: number; withSimilarSamples: number; memorized: number; meanDifficulty: number };
  stale: boolean;
  createdAt: string;
}

/** Full detail of one sample, sent when it is selected. */
export interface SampleDetail {
  id: string;
  label: string;
  difficulty: number;
  reasons: string[];
  contributions: Record<string, number>;
  factors: Record<string, number | string | boolean | null | string[] | number[]>;
  similar: Array<{ id: string; similarity: number }>;
}

export interface ForgetSummary {
  text: string;
  methods: Array<{ name: string; tow: number; towMia: number | null; mia: number | null; relativeTime: number; forgetAcc: number | null }>;
  verdicts: Array<{ id: string; verdict: string; evidence: string }>;
  alsoConsiderDeleting: string[];
  rum: { rum: number; control: number } | null;
  htmlReport: string | null;
}

export type HostToWebview =
  | { type: 'meta'; meta: ReportMeta }
  | { type: 'rows'; rows: SampleRow[]; done: boolean }
  | { type: 'detail'; detail: SampleDetail }
  | { type: 'select'; id: string }
  | { type: 'forget'; forget: ForgetSummary | null }
  | { type: 'empty'; message: string };

export type WebviewToHost =
  | { type: 'ready' }
  | { type: 'reveal'; id: string }
  | { type: 'detail'; id: string }
  | { type: 'exportChart'; format: 'svg' | 'png'; name: string; data: string }
  | { type: 'exportReport' }
  | { type: 'runAudit' };

/** Rows are sent in pages so a 60k-sample report does not block either side. */
export const ROWS_PER_MESSAGE = 5000;
