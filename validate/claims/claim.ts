import { DATASET_TITLES, DatasetKey } from '../data/sources';
import { Verdict, combineVerdicts } from '../verdicts';

/** What one claim measured on one dataset. */
export interface DatasetResult {
  dataset: string;
  measured: string;
  numbers: Record<string, number>;
  verdict: Verdict;
}

export interface ClaimResult {
  id: string;
  claim: string;
  rule: string;
  perDataset: DatasetResult[];
  verdict: Verdict;
}

/** Measure a claim on each dataset in turn (sequentially: the machine has two cores) and combine the verdicts. */
export async function claimOver(
  head: { id: string; claim: string; rule: string },
  keys: DatasetKey[],
  measure: (key: DatasetKey) => Promise<Omit<DatasetResult, 'dataset'>>,
): Promise<ClaimResult> {
  const perDataset: DatasetResult[] = [];
  for (const key of keys) perDataset.push({ dataset: DATASET_TITLES[key], ...(await measure(key)) });
  return { ...head, perDataset, verdict: combineVerdicts(perDataset.map((d) => d.verdict)) };
}

/** A number for the table: fixed decimals, n/a when not finite. */
export function fmt(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

export function average(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
}
