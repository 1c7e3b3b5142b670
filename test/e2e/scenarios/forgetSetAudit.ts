// Issue 5, scenario 4: a forget-set audit from an id file finishes; the verdicts show; the
// exported HTML report exists and opens.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { resultDir } from '../workspace/results';
import { check, followProgress, frameWith, runCommand } from '../workbench';

export const forgetSetAudit: Scenario = {
  name: 'forget-set-audit',
  timeoutMs: 300_000,
  async run({ page, workspace, csp }) {
    const { file, ids } = workspace.request;
    await openFromExplorer(page, path.basename(file));
    await runCommand(page, 'ForgetLens: Audit Forget Set');
    const progress = await followProgress(page, `ForgetLens: auditing forget set ${path.basename(file)}`, 20_000, 280_000);
    check(progress.finished, `the forget-set audit finishes (${progress.messages.at(-1) ?? 'no progress notification'})`);
    const panel = await frameWith(page, '.forget .verdicts li', 30_000);
    await csp.watch(panel);
    const verdicts = await panel.$$eval('.forget .verdicts li', (n) => n.map((li) => li.textContent ?? ''));
    check(verdicts.length === ids.length, `a verdict for each of the ${ids.length} requested samples (got ${verdicts.length})`);
    check(ids.every((id) => verdicts.some((v) => v.startsWith(`${id}: `))), `each requested id has its verdict: ${verdicts.map((v) => v.split(':')[0]).join(', ')}`);
    const summary = (await panel.textContent('.forget .summary')) ?? '';
    check(summary.startsWith(`Of ${ids.length} requested samples`), `plain-language summary: ${summary}`);
    const methods = await panel.$$eval('.forget table.methods tbody tr', (n) => n.length);
    check(methods >= 2, `the methods table compares unlearning methods (${methods} rows)`);

    const dir = resultDir(workspace.dir, workspace.digits.file);
    const html = dir && path.join(dir, 'forget-audit.html');
    check(html !== undefined && fs.existsSync(html), `the HTML report was written (${html})`);
    const report = await page.context().browser()!.newPage();
    try {
      await report.goto(`file://${html}`);
      const opened = (await report.textContent('.summary')) ?? '';
      check(opened === summary, `the HTML report opens with the same summary ("${opened.slice(0, 80)}")`);
    } finally {
      await report.close();
    }
  },
};
