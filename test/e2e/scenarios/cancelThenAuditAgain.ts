// Issue 5, scenario 6: cancel a running audit: its worker is gone within 2 s, the UI says
// cancelled, and a new audit then succeeds.
import * as path from 'node:path';
import { workerPids } from '../processes';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { check, followProgress, notificationTexts, quickOpen, poll, runCommand, statusBarShows } from '../workbench';

export const cancelThenAuditAgain: Scenario = {
  name: 'cancel-then-audit-again',
  timeoutMs: 300_000,
  async run({ page, workspace, extensionsDir }) {
    const { file, rows } = workspace.big;
    const name = path.basename(file);
    await quickOpen(page, name);
    await runCommand(page, 'ForgetLens: Audit Dataset');
    const running = await poll(page, async () => (workerPids(extensionsDir).length > 0 && (await statusBarShows(page, /ForgetLens: [a-z -]+ \d+%/, 0)) ? true : undefined), 60_000);
    check(running === true, 'the audit is training in a worker process');
    check(workerPids(extensionsDir).length === 1, `one worker runs during the audit (found ${workerPids(extensionsDir).length})`);
    await runCommand(page, 'ForgetLens: Cancel Audit');
    const cancelledAt = Date.now();
    while (workerPids(extensionsDir).length > 0 && Date.now() - cancelledAt < 5000) await page.waitForTimeout(100);
    const stopMs = Date.now() - cancelledAt;
    check(workerPids(extensionsDir).length === 0 && stopMs <= 2000, `the worker is gone within 2 s of cancel (took ${stopMs} ms)`);
    const said = await poll(page, async () => (await notificationTexts(page)).find((t) => t.includes('ForgetLens: audit cancelled')), 10_000);
    check(said !== undefined, 'a notification says the audit was cancelled');
    check(await statusBarShows(page, /ForgetLens: cancelled/, 5_000), 'the status bar says cancelled');

    // big.csv is still the active editor: audit it again, to the end this time.
    await runCommand(page, 'ForgetLens: Audit Dataset');
    const progress = await followProgress(page, `ForgetLens: auditing ${name}`, 20_000, 280_000);
    check(progress.finished, `a new audit after the cancel finishes (${progress.messages.at(-1) ?? 'no progress notification'})`);
    check(await statusBarShows(page, /ForgetLens: \d+ hard/, 10_000), 'the status bar gives its result');
    check(latestAudit(workspace.dir, file).dataset.rows === rows, `its results are written, with all ${rows} rows`);
  },
};
