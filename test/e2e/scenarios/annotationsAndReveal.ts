// Issue 5, scenario 2: the CSV editor shows end-of-line annotations on the hardest rows;
// hovering one shows its factor breakdown; clicking a row in the panel moves the editor to it.
import * as path from 'node:path';
import type { AuditSample } from '../../../src/core/report/auditSchema';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { annotationOnLine, check, cursorLine, goToLine, gutterIconsOnLine, hoverLine, panelFrame, poll } from '../workbench';

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
      const row = panel.locator('table.samples tbody tr[data-id]').nth(rank - 1);
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
    check(hardest.difficulty >= 0.5, `the hardest digit is hard to forget (${hardest.difficulty})`);
    check(annotation.startsWith(`◆ hard to forget ${hardest.difficulty.toFixed(2)} · ${hardest.reasons[0].slice(0, 40)}`), `line ${hardest.source.line} is annotated with its difficulty and reason (got "${annotation}")`);
    // Its row is flagged in the gutter too (CSV rows are wider than the editor, the text may be off-screen).
    const icons = await gutterIconsOnLine(page, name, hardest.source.line!);
    check(icons.includes('gutter-hard.svg'), `line ${hardest.source.line} has the ForgetLens gutter icon (got ${JSON.stringify(icons)})`);
    const both = predictionWords(hardest);
    check(annotation.includes(both.short), `line ${hardest.source.line}'s annotation gives both predictions, "${both.short}" (got "${annotation}")`);
    const hover = await hoverLine(page, name, hardest.source.line!);
    check(hover.includes(both.hover), `the hover on line ${hardest.source.line} gives both predictions and which sets the difficulty, "${both.hover}" (hover: ${JSON.stringify(hover)})`);
    for (const expected of hoverLines(hardest)) check(hover.includes(expected), `the hover on line ${hardest.source.line} shows "${expected}" (hover: ${JSON.stringify(hover)})`);
    check(hover.includes('Open in ForgetLens panel'), 'the hover links to the sample in the panel');
    await screenshot('hover');
    await page.mouse.move(5, 500);

    // A moderately hard row (0.3 to 0.5) says so, and never that it is a typical, easy sample.
    const moderate = report.samples.slice(0, 100).find((x) => x.difficulty >= 0.3 && x.difficulty < 0.5 && x.source.line);
    check(moderate !== undefined, 'the 100 hardest digits include a moderately hard row (difficulty 0.3 to 0.5)');
    await goToLine(page, name, moderate.source.line!);
    const moderateText = await annotationOnLine(page, name, moderate.source.line!);
    check(moderateText.startsWith(`◆ moderately hard to forget ${moderate.difficulty.toFixed(2)} · `), `line ${moderate.source.line} (difficulty ${moderate.difficulty.toFixed(2)}) reads "moderately hard" (got "${moderateText}")`);
    check(!/typical|easily/.test(moderateText), `the moderately hard row's annotation does not call it typical or easy: "${moderateText}"`);

    // An easy row (difficulty under the annotation threshold) has no annotation.
    const easy = [...report.samples].reverse().find((s) => s.difficulty < 0.3 && s.source.line);
    check(easy !== undefined, 'the digits have easy rows');
    await goToLine(page, name, easy.source.line!);
    check((await annotationOnLine(page, name, easy.source.line!)) === '', `the easy row on line ${easy.source.line} is not annotated`);
    check((await gutterIconsOnLine(page, name, easy.source.line!)).length === 0, `the easy row on line ${easy.source.line} has no gutter icon`);
    // Back to the hardest row for the final screenshot.
    await goToLine(page, name, hardest.source.line!);
  },
};

/** What the hover must say about a sample: its difficulty and rank, each reason, each factor. */
function hoverLines(s: AuditSample): string[] {
  const f = s.factors;
  return [
    `${s.difficulty >= 0.5 ? 'hard to forget' : 'moderately hard to forget'}: difficulty ${s.difficulty.toFixed(2)} (rank ${s.rank})`,
    ...s.reasons,
    `memorization ${fmt(f.memorization)} · confidence ${fmt(f.confidence)} · entanglement ${fmt(f.entanglement)}`,
    `near-duplicates ${f.similarCount}`,
    `label disagreement ${fmt(f.labelDisagreement)}`,
  ];
}

/**
 * Both calibrated predictions as the end-of-line text and the hover give them, and in the hover's
 * words which one sets the difficulty (docs/audit-schema.md `drivenBy`; docs/science.md).
 */
function predictionWords(s: AuditSample): { short: string; hover: string } {
  const risk = s.factors.residualRisk;
  const persistence = s.factors.persistence;
  check(typeof risk === 'number' && typeof persistence === 'number', `the hardest digit has both calibrated predictions in audit.json (${risk}, ${persistence})`);
  const driver =
    s.drivenBy === 'composite' ? 'not used for the ranking: difficulty is the factor composite'
    : Math.max(risk, persistence) < 0.3 ? 'neither is high'
    : s.drivenBy === 'persistence' ? 'deletion alone leaves its influence'
    : 'needs real unlearning';
  return { short: `risk ${risk.toFixed(2)}, persistence ${persistence.toFixed(2)}`, hover: `unlearning risk ${risk.toFixed(2)} · persistence ${persistence.toFixed(2)} → ${driver}` };
}
