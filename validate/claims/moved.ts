import { ForgetReport } from '../../src/core/forget/schema';

/** An algorithm whose F accuracy stays within this of the original model's did not move the forget set. */
export const MOVED_ACCURACY = 0.01;

/** Algorithms that moved F (|a_u(F) − a_o(F)| ≥ MOVED_ACCURACY), and those that did not. */
export function splitByMovement(report: ForgetReport): { moved: string[]; still: string[] } {
  const original = report.original.forgetAcc ?? NaN;
  const moved: string[] = [];
  const still: string[] = [];
  for (const a of report.algorithms) (Math.abs((a.forgetAcc ?? NaN) - original) >= MOVED_ACCURACY ? moved : still).push(a.name);
  return { moved, still };
}
