// Issue 5, scenario 2: the CSV editor shows end-of-line annotations on the hardest rows;
// hovering one shows its factor breakdown; clicking a row in the panel moves the editor to it.
import * as path from 'node:path';
import type { AuditSample } from '../../../src/core/report/auditSchema';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { annotationOnLine, check, cursorLine, goToLine, hoverLine, panelFrame, poll } from '../workbench';

const fmt = (v: number | null) => (v === null ? 'n/a' : v.toFixed(2));

export const annotationsAndReveal: Scenario = {
  name: 'annotations-and-reveal',
  timeoutMs: 90_000,
  async run({ page, workspace, screenshot }) {
    const file = workspace.digits.file;
    const name = path.basename(file);
    const report = latestAudit(workspace.dir, file);
    const byId = new Map(report.samples.map((s) => [s.id, s]));

    // Clicking rows of the panel: the cursor goes to each row's own source line.
    const panel = await panelFrame(page, 30_000);
    for (const rank of [3, 8]) {
      const row = panel.locator('table.samples tbody tr').nth(rank - 1);
      const id = (await row.getAttribute('data-id')) ?? '';
      const line = byId.get(id)?.source.line;
      check(line !== undefined, `row ${rank} (${id}) is a sample of ${name} with a source line`);
      await row.click();
      const reached = await poll(page, async () => (await cursorLine(page, name)) === line, 10_000);
      check(reached === true, `clicking row ${rank} (${id}) puts the editor's cursor on its line ${line} (cursor is on line ${await cursorLine(page, name)})`);
    }

    // The hardest row: annotated with its difficulty and main reason; the hover breaks it down.
    const hardest = report.samples[0];
    await goToLine(page, name, hardest.source.line!);
    const annotation = await annotationOnLine(page, name, hardest.source.line!);
    check(annotation.startsWith(`◆ hard to forget ${hardest.difficulty.toFixed(2)} · ${hardest.reasons[0].slice(0, 40)}`), `line ${hardest.source.line} is annotated with its difficulty and reason (got "${annotation}")`);
    const hover = await hoverLine(page, name, hardest.source.line!);
    for (const expected of hoverLines(hardest)) check(hover.includes(expected), `the hover on line ${hardest.source.line} shows "${expected}" (hover: ${JSON.stringify(hover)})`);
    check(hover.includes('Open in ForgetLens panel'), 'the hover links to the sample in the panel');
    await screenshot('hover');
    await page.mouse.move(5, 500);

    // An easy row (difficulty under the annotation threshold) has no annotation.
    const easy = [...report.samples].reverse().find((s) => s.difficulty < 0.3 && s.source.line);
    check(easy !== undefined, 'the digits have easy rows');
    await goToLine(page, name, easy.source.line!);
    check((await annotationOnLine(page, name, easy.source.line!)) === '', `the easy row on line ${easy.source.line} is not annotated`);
    // Back to the hardest row for the final screenshot.
    await goToLine(page, name, hardest.source.line!);
  },
};

/** What the hover must say about a sample: its difficulty and rank, each reason, each factor. */
function hoverLines(s: AuditSample): string[] {
  const f = s.factors;
  return [
    `difficulty ${s.difficulty.toFixed(2)} (rank ${s.rank})`,
    ...s.reasons,
    `memorization ${fmt(f.memorization)} · confidence ${fmt(f.confidence)} · entanglement ${fmt(f.entanglement)}`,
    `near-duplicates ${f.similarCount}`,
    `label disagreement ${fmt(f.labelDisagreement)}`,
  ];
}
