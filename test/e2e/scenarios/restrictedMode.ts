// Issue 14, README claim: in Restricted Mode ForgetLens shows existing results (panel and
// annotations), its audit commands refuse with a clear message, and nothing is written. A second
// code-server with workspace trust on opens a copy of the digits' result in a folder never
// trusted; it is stopped again at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import type { AuditReport } from '../../../src/core/report/auditSchema';
import { RESTRICTED_NOTICE } from '../../../src/extension/logic/panelNotices';
import { ensureCodeServer, startCodeServer } from '../codeServer';
import { openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { latestAudit, resultDir } from '../workspace/results';
import { annotationOnLine, check, goToLine, notificationTexts, panelFrame, panelSampleCount, poll, runCommand, statusBarShows } from '../workbench';

export const restrictedMode: Scenario = {
  name: 'restricted-mode',
  timeoutMs: 180_000,
  async run({ page, workspace, extensionsDir }) {
    const scratch = path.join(path.dirname(workspace.dir), 'restricted');
    const ws = path.join(scratch, 'workspace');
    const userData = path.join(scratch, 'user-data');
    fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
    fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.startupEditor': 'none', 'security.workspace.trust.startupPrompt': 'never' }));
    const dataset = path.join(ws, 'digits.csv');
    const dir = path.join(ws, '.forgetlens', 'digits');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(workspace.digits.file, dataset);
    const report: AuditReport = latestAudit(workspace.dir, workspace.digits.file);
    // A result as a cloned repository ships it: sources relative to the dataset's folder.
    fs.writeFileSync(path.join(dir, 'audit.json'), JSON.stringify({ ...report, samples: report.samples.map((s) => ({ ...s, source: { ...s.source, file: 'digits.csv' } })) }));
    const forget = path.join(resultDir(workspace.dir, workspace.digits.file)!, 'forget-audit.json');
    if (fs.existsSync(forget)) fs.copyFileSync(forget, path.join(dir, 'forget-audit.json'));
    fs.writeFileSync(path.join(ws, '.forgetlens', 'index.json'), JSON.stringify({ [dataset]: { dir } }));
    const filesBefore = snapshot(ws);

    const server = await startCodeServer(ensureCodeServer(), extensionsDir, userData, ws, 8950 + Math.floor(Math.random() * 40), { workspaceTrust: true });
    let restricted: Page | undefined;
    try {
      // A page of its own context: the default one (browser.newPage) cannot open more pages.
      const win = await page.context().browser()!.newPage({ viewport: { width: 1600, height: 1000 } });
      restricted = win;
      await win.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
      await win.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      check(await statusBarShows(win, /ForgetLens \(Restricted Mode\)/, 30_000), 'the window is in Restricted Mode and ForgetLens says so in the status bar');

      // Results are shown: the dataset's rows are annotated (opened before the panel, whose tab
      // title also names digits.csv), and the panel lists every row and says why nothing can run.
      const hardest = report.samples[0];
      await openFromExplorer(win, 'digits.csv');
      await goToLine(win, 'digits.csv', hardest.source.line!);
      const annotated = await poll(win, async () => (await annotationOnLine(win, 'digits.csv', hardest.source.line!)) !== '' || undefined, 15_000);
      check(annotated === true, `digits.csv line ${hardest.source.line} is annotated in Restricted Mode`);

      await runCommand(win, 'ForgetLens: Open Results');
      const panel = await panelFrame(win, 30_000);
      const count = await panelSampleCount(panel);
      check(count.total === report.samples.length, `the panel lists the ${report.samples.length} audited digits (${count.text})`);
      const notice = (await panel.locator('.notice').allInnerTexts()).join(' ');
      check(notice.includes(RESTRICTED_NOTICE), `the panel says "${RESTRICTED_NOTICE}" (notices: "${notice}")`);

      // Each command that would train or write refuses, with the notice.
      for (const title of ['ForgetLens: Audit Dataset', 'ForgetLens: Audit Forget Set', 'ForgetLens: Add Selected Rows to Forget Set']) {
        await runCommand(win, title);
        const refused = await poll(win, async () => (await notificationTexts(win)).find((t) => t.includes(`ForgetLens: ${RESTRICTED_NOTICE}`)), 10_000);
        check(refused !== undefined, `"${title}" refuses with the Restricted Mode notice (notifications: ${JSON.stringify(await notificationTexts(win))})`);
        // Gone before the next command, so each refusal is its own.
        await runCommand(win, 'Notifications: Clear All Notifications');
        const gone = await poll(win, async () => (await notificationTexts(win)).length === 0 || undefined, 5_000);
        check(gone === true, 'the notifications are cleared between commands');
      }
      const filesAfter = snapshot(ws);
      const changed = [...new Set([...filesBefore.keys(), ...filesAfter.keys()])].filter((f) => filesBefore.get(f) !== filesAfter.get(f));
      check(changed.length === 0, `nothing in the workspace is written in Restricted Mode (changed: ${changed.join(', ')})`);
    } finally {
      // What the restricted window showed last, beside the main window's screenshots.
      await restricted?.screenshot({ path: path.join(__dirname, '..', '..', '..', 'artifacts', 'e2e', 'restricted-window.png') }).catch(() => undefined);
      await restricted?.close().catch(() => undefined);
      await server.stop();
    }
  },
};

/** Every file under `root` with its size and modification time. */
function snapshot(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const stat = fs.statSync(full);
        files.set(full, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(root);
  return files;
}
