import { ClaimSpec, Measurement, TestSpec } from './claims/claim';
import { DATASET_TITLES, DatasetKey } from './data/sources';
import { Interval, tInterval } from './stats/interval';
import { Verdict, allTestsVerdict, intervalVerdict, overDatasetsVerdict } from './verdicts';

/** One test of a claim on one dataset: the per-seed values, their interval, and its verdict. */
export interface TestRow {
  test: TestSpec;
  values: number[];
  interval: Interval;
  verdict: Verdict;
  /** Why a test is not judged here (e.g. the score was fitted on this dataset). */
  skipped?: string;
}

export interface DatasetOutcome {
  key: DatasetKey;
  dataset: string;
  rows: TestRow[];
  /** From the claim-role rows only. */
  verdict: Verdict;
  /** Per seed, what else the measurement saw. */
  notes: { seed: number; note: string }[];
  /** Per seed, every number measured (the tests' statistics and their context). */
  numbers: Record<string, number>[];
}

export interface ClaimOutcome {
  id: string;
  claim: string;
  perDataset: DatasetOutcome[];
  verdict: Verdict;
}

export function judgeTest(test: TestSpec, key: DatasetKey, measurements: Measurement[]): TestRow {
  const values = measurements.map((m) => m.numbers[test.key] ?? NaN);
  const interval = tInterval(values);
  if (test.excludedOn?.includes(key)) return { test, values, interval, verdict: 'not testable', skipped: 'fitted on this dataset' };
  return { test, values, interval, verdict: intervalVerdict(interval, test.rule) };
}

/** Judge a claim from its measurements, per dataset, in seed order. */
export function judgeClaim(spec: ClaimSpec, perDataset: { key: DatasetKey; seeds: number[]; measurements: Measurement[] }[]): ClaimOutcome {
  const outcomes = perDataset.map(({ key, seeds, measurements }) => {
    const rows = spec.tests.map((t) => judgeTest(t, key, measurements));
    const claimRows = rows.filter((r) => r.test.role === 'claim');
    return {
      key,
      dataset: DATASET_TITLES[key],
      rows,
      verdict: allTestsVerdict(claimRows.map((r) => r.verdict)),
      notes: measurements.map((m, i) => ({ seed: seeds[i], note: m.note })),
      numbers: measurements.map((m) => m.numbers),
    };
  });
  return { id: spec.id, claim: spec.claim, perDataset: outcomes, verdict: overDatasetsVerdict(outcomes.map((o) => o.verdict)) };
}
