import * as path from 'node:path';

/** What the status bar needs of a result (a LoadedResult fits). */
export interface StatusSource {
  datasetPath: string;
  report: { summary: { hard: number } };
  forget: { summary: { ineffectiveAlone: number; text: string } } | null;
}

/** The status bar text and tooltip for the last result: its forget-set audit if any, else its audit. */
export function statusOf(result: StatusSource): [string, string] {
  if (result.forget) return [`ForgetLens: ${result.forget.summary.ineffectiveAlone} ineffective-alone`, result.forget.summary.text];
  return [`ForgetLens: ${result.report.summary.hard} hard`, `Last audit: ${path.basename(result.datasetPath)}. Click to open the results.`];
}
