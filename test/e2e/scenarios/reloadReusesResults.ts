// Issue 5, scenario 7: reload the window: the panel comes back by itself from .forgetlens/ with the
// same results, "Open Results" shows them too (one panel), and nothing is recomputed: no worker
// process starts and no result file is rewritten.
import { Page } from 'playwright-core';
import { workerPids } from '../processes';
import { Scenario } from '../scenario';
import { resultFiles } from '../workspace/results';
import { ScenarioFailure, frameWith, panelFrame, panelSampleCount, runCommand, statusBarShows, statusBarText } from '../workbench';

export const reloadReusesResults: Scenario = {
  name: 'reload-reuses-results',
  timeoutMs: 150_000,
  async run({ page, workspace, extensionsDir, csp, screenshot }) {
    const failed: string[] = [];
    // Every expectation is checked, so one report says all that differs after the reload.
    const expect = (ok: boolean, message: string): void => {
      if (!ok) failed.push(message);
    };

    const before = await panelFrame(page, 30_000);
    const shown = { header: ((await before.textContent('header h1')) ?? '').trim(), count: await panelSampleCount(before) };
    const statusBefore = await statusBarText(page);
    const filesBefore = resultFiles(workspace.dir);
    const workersSeen = new Set<number>();
    const watcher = setInterval(() => workerPids(extensionsDir).forEach((pid) => workersSeen.add(pid)), 100);
    try {
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });

      // Without any command: VS Code restores the editor tab and the extension revives the panel.
      const revived = await frameWith(page, 'table.samples tbody tr', 30_000).catch(() => undefined);
      await screenshot('revived');
      expect(revived !== undefined, `the panel comes back by itself after the reload (tabs: ${await tabTitles(page)})`);
      if (revived) {
        await csp.watch(revived);
        const header = ((await revived.textContent('header h1')) ?? '').trim();
        const count = await panelSampleCount(revived);
        expect(header === shown.header, `the revived panel shows the same dataset ("${header}" vs "${shown.header}" before)`);
        expect(count.total === shown.count.total && count.shown === shown.count.shown, `the revived panel lists the same rows (${count.text} vs ${shown.count.text})`);
      }

      // The status bar shows the last result again, not just "ForgetLens".
      const statusBack = await statusBarShows(page, new RegExp(`^${escapeRegExp(statusBefore)}$`), 20_000);
      expect(/\d+ (hard|ineffective-alone)$/.test(statusBefore), `before the reload the status bar shows the last result ("${statusBefore}")`);
      expect(statusBack, `after the reload the status bar shows the last result again ("${await statusBarText(page)}" vs "${statusBefore}" before)`);

      // "ForgetLens: Open Results" shows the cached results, in one panel.
      await runCommand(page, 'ForgetLens: Open Results');
      const opened = await panelFrame(page, 30_000).catch(() => undefined);
      expect(opened !== undefined, 'Open Results shows the results table after the reload');
      if (opened) {
        await csp.watch(opened);
        const header = ((await opened.textContent('header h1')) ?? '').trim();
        const count = await panelSampleCount(opened);
        expect(header === shown.header, `Open Results shows the dataset shown before the reload ("${header}" vs "${shown.header}")`);
        expect(count.total === shown.count.total && count.shown === count.total, `Open Results lists all rows from the cache (${count.text})`);
      }
      const panels = (await tabTitles(page)).filter((t) => t.startsWith('ForgetLens'));
      expect(panels.length === 1, `one ForgetLens panel (tabs: ${panels.join(', ')})`);
    } finally {
      clearInterval(watcher);
    }
    // A recompute would have started before the cached results were shown, and runs for seconds.
    workerPids(extensionsDir).forEach((pid) => workersSeen.add(pid));
    expect(workersSeen.size === 0, `nothing was recomputed, yet ${workersSeen.size} worker process(es) started`);
    const filesAfter = resultFiles(workspace.dir);
    // index.json (dataset → result folder) is written again as results are loaded; results must not be.
    const rewritten = [...filesAfter].filter(([f, mtime]) => filesBefore.get(f) !== mtime && !f.endsWith('index.json')).map(([f]) => f);
    expect(rewritten.length === 0, `no result file is rewritten: ${rewritten.join(', ')}`);
    if (failed.length) throw new ScenarioFailure(failed.join('; '));
  },
};

async function tabTitles(page: Page): Promise<string[]> {
  return (await page.locator('.tabs-container .tab .label-name').allInnerTexts()).map((t) => t.trim());
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
