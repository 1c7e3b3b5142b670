/**
 * docs/VALIDATION.md keeps every full run. A new run's section goes right below this marker (newest
 * first); nothing else in the file is rewritten, so sections other tools or people wrote stay as they are.
 */
export const RUNS_MARKER = '<!-- validate: new runs are inserted below this line, newest first -->';

export function insertRun(existing: string | null, intro: string, runSection: string): string {
  if (existing === null) return `${intro.trimEnd()}\n\n${RUNS_MARKER}\n\n${runSection.trimEnd()}\n`;
  const at = existing.indexOf(RUNS_MARKER);
  if (at < 0) throw new Error(`docs/VALIDATION.md: the marker line "${RUNS_MARKER}" is missing; restore it where new runs should go`);
  const end = at + RUNS_MARKER.length;
  return `${existing.slice(0, end)}\n\n${runSection.trimEnd()}\n${existing.slice(end)}`;
}
