import { ValidationConfig } from '../config';
import { DatasetKey } from '../data/sources';
import { Rule } from '../verdicts';
import { Workbench } from '../workbench';

/** What one claim measured on one dataset with one seed: the tests' statistics, and context for the notes. */
export interface Measurement {
  numbers: Record<string, number>;
  /** Short context (which sets, which algorithms moved): shown in the run's notes, not judged. */
  note: string;
}

/** One statistic of a claim and the side of a threshold the claim puts it on. */
export interface TestSpec {
  /** Key into Measurement.numbers. */
  key: string;
  /** What the statistic is, in words, for the table. */
  label: string;
  rule: Rule;
  /**
   * 'claim': part of the claim's verdict. 'reference': judged and shown in the same format (a
   * baseline, or a score that is not the claim's subject) but not part of the claim's verdict.
   */
  role: 'claim' | 'reference';
  /** Datasets this test must not be judged on (a score fitted on them); absent: judged everywhere. */
  excludedOn?: DatasetKey[];
}

export interface ClaimSpec {
  id: string;
  claim: string;
  datasets: (config: ValidationConfig) => DatasetKey[];
  tests: TestSpec[];
  measure: (bench: Workbench, key: DatasetKey) => Promise<Measurement>;
}

/** A number for the table: fixed decimals, n/a when not finite. */
export function fmt(value: number | null | undefined, digits = 2): string {
  return value === null || value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(digits);
}

export function average(values: number[]): number {
  const finite = values.filter(Number.isFinite);
  return finite.length ? finite.reduce((a, b) => a + b, 0) / finite.length : NaN;
}
