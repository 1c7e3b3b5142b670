// Issue 5, scenario 1: audit a CSV from the command palette; the progress notification appears
// and finishes; the panel lists every row, hardest first, and draws both charts.
import * as path from 'node:path';
import { openFromExplorer } from '../explorer';
import type { AuditReport } from '../../../src/core/report/auditSchema';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { check, followProgress, panelFrame, panelSampleCount, runCommand, statusBarShows } from '../workbench';
import { checkChartsDrawn } from './panelChecks';

export const auditDataset: Scenario = {
  name: 'audit-dataset',
  timeoutMs: 240_000,
  async run({ page, workspace, csp }) {
    const { file, rows } = workspace.digits;
    await openFromExplorer(page, path.basename(file));
    await runCommand(page, 'ForgetLens: Audit Dataset');
    const progress = await followProgress(page, `ForgetLens: auditing ${path.basename(file)}`, 20_000, 200_000);
    check(progress.messages.length > 0 || progress.sawProgressBar, 'the "ForgetLens: auditing digits.csv" progress notification appears');
    check(progress.sawProgressBar, 'the notification shows a running progress bar');
    check(progress.messages.filter((m) => /\d+%/.test(m)).length >= 2, `the notification reports progress as it goes (saw: ${progress.messages.join(' | ')})`);
    check(progress.finished, `the progress notification finishes (last: ${progress.messages.at(-1)})`);
    check(await statusBarShows(page, /ForgetLens: \d+ hard/, 10_000), 'the status bar gives the result once the audit is done');

    const panel = await panelFrame(page, 30_000);
    await csp.watch(panel);
    const count = await panelSampleCount(panel);
    check(count.shown === rows && count.total === rows, `the table lists all ${rows} rows: "${count.text}"`);
    const header = (await panel.textContent('header')) ?? '';
    check(header.includes(`${rows} samples`), `the header counts ${rows} samples: "${header.slice(0, 120)}"`);
    checkSummaryCounts(header, latestAudit(workspace.dir, file));
    // The grid draws only the rows in view (and a few more): those are ranks 1, 2, 3… in order.
    const ranks = await panel.$$eval('table.samples tbody tr[data-id] td:first-child', (tds) => tds.map((td) => Number(td.textContent)));
    check(ranks.length >= Math.min(10, rows) && ranks.length < Math.min(200, rows + 1) && ranks.every((r, i) => r === i + 1), `the grid draws the first ranks 1, 2, 3… in order (got ${ranks.slice(0, 5).join(',')}…, ${ranks.length} rows)`);
    const difficulties = await panel.$$eval('table.samples tbody tr[data-id] td:nth-child(4)', (tds) => tds.map((td) => Number(td.textContent)));
    check(difficulties.every((d, i) => i === 0 || d <= difficulties[i - 1]), 'hardest first: difficulty never rises down the table');
    await checkChartsDrawn(panel, rows);
  },
};

/**
 * The header's three counts are the ones audit.json's samples give, counted here from each
 * sample's own scores (not from the report's summary, which the same code wrote): hard is
 * difficulty ≥ 0.5; the two calibrated counts are residualRisk ≥ 0.5 and persistence ≥ 0.5.
 */
function checkSummaryCounts(header: string, report: AuditReport): void {
  const samples = report.samples;
  // Held-out rows were never trained on: they have nothing to unlearn and no predictions (docs/science.md).
  const trained = samples.filter((s) => s.split === 'train');
  const predicted = trained.filter((s) => typeof s.factors.residualRisk === 'number' && typeof s.factors.persistence === 'number').length;
  check(trained.length > 0 && predicted === trained.length, `every trained digit has both calibrated predictions in audit.json (${predicted} of ${trained.length})`);
  const count = (score: (s: AuditReport['samples'][number]) => number | null | undefined) => samples.filter((s) => (score(s) ?? 0) >= 0.5).length;
  const expected = [
    `${count((s) => s.difficulty)} hard (difficulty ≥ 0.5)`,
    `${count((s) => s.factors.residualRisk)} likely to keep a residual > 0.1 after the recommended unlearning (unlearning risk ≥ 0.5)`,
    `${count((s) => s.factors.persistence)} likely to survive deletion alone through similar samples (persistence ≥ 0.5)`,
  ];
  for (const words of expected) check(header.includes(words), `the panel header says "${words}" (header: "${header}")`);
}
