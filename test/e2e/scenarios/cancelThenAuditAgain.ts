// Issue 5, scenario 6: cancel a running audit: its worker goes away (the product promises 2 s;
// the time is printed, and only a bound a loaded machine keeps is asserted), the UI says
// cancelled, and a new audit then succeeds.
import * as path from 'node:path';
import { openFromExplorer } from '../explorer';
import { workerPids } from '../processes';
import { Scenario } from '../scenario';
import { latestAudit } from '../workspace/results';
import { check, followProgress, notificationTexts, poll, runCommand, statusBarShows } from '../workbench';

/** What a machine under load still keeps; the 2 s promise itself is measured by `npm run bench`. */
const STOP_BOUND_MS = 10_000;

export const cancelThenAuditAgain: Scenario = {
  name: 'cancel-then-audit-again',
  timeoutMs: 300_000,
  async run({ page, workspace, extensionsDir }) {
    const { file, rows } = workspace.big;
    const name = path.basename(file);
    await openFromExplorer(page, name);
    await runCommand(page, 'ForgetLens: Audit Dataset');
    const running = await poll(page, async () => (workerPids(extensionsDir).length > 0 && (await statusBarShows(page, /ForgetLens: [a-z -]+ \d+%/, 0)) ? true : undefined), 60_000);
    check(running === true, 'the audit is training in a worker process');
    check(workerPids(extensionsDir).length === 1, `one worker runs during the audit (found ${workerPids(extensionsDir).length})`);
    await runCommand(page, 'ForgetLens: Cancel Audit');
    const cancelledAt = Date.now();
    const gone = await poll(page, async () => workerPids(extensionsDir).length === 0, STOP_BOUND_MS, 50);
    const stopMs = Date.now() - cancelledAt;
    // Measured from the palette's Enter, so it includes the command reaching the extension host.
    console.log(`  worker gone ${stopMs} ms after cancel (promise: 2000 ms; asserted: ${STOP_BOUND_MS} ms)`);
    check(gone === true, `the worker is gone within ${STOP_BOUND_MS / 1000} s of cancel (still running after ${stopMs} ms)`);
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
