// Issue 14, README claim: a worker that crashes, or dies of out-of-memory (V8 aborts: SIGABRT),
// becomes an error notification that says so, with "Show Log" opening the log that has the
// details; the status bar says failed and nothing is written for the dataset.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processesMentioning } from '../processes';
import { openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { resultDir } from '../workspace/results';
import { check, notificationTexts, outputText, poll, runCommand, statusBarShows } from '../workbench';

export const workerCrash: Scenario = {
  name: 'worker-crash',
  timeoutMs: 150_000,
  async run({ page, workspace, extensionsDir, screenshot }) {
    // Content never audited (the digits, rows reversed): the audit cannot come from the cache.
    const [header, ...rows] = fs.readFileSync(workspace.digits.file, 'utf8').trim().split('\n');
    const file = path.join(workspace.dir, 'crash.csv');
    fs.writeFileSync(file, [header, ...rows.reverse()].join('\n') + '\n');
    // The explorer lists a file created a moment ago once the file watcher has seen it.
    const opened = await poll(page, () => openFromExplorer(page, 'crash.csv').then(() => true, () => undefined), 30_000, 1000);
    check(opened === true, 'the explorer opens crash.csv');
    try {
      for (const [signal, says] of [
        ['SIGKILL', 'the ForgetLens worker stopped unexpectedly (signal SIGKILL)'],
        ['SIGABRT', 'the ForgetLens worker stopped unexpectedly (signal SIGABRT: probably out of memory)'],
      ] as const) {
        await runCommand(page, 'ForgetLens: Audit Dataset');
        const pid = await poll(page, async () => processesMentioning(extensionsDir).find((p) => /\/dist\/worker\.js\b/.test(p.cmdline))?.pid, 30_000);
        check(pid !== undefined, 'the audit of crash.csv runs in a worker process');
        process.kill(pid, signal);
        const toast = page.locator('.notification-toast').filter({ hasText: says }).first();
        const shown = await toast.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
        check(shown, `killed with ${signal}, the worker's end is an error saying "${says}" (notifications: ${JSON.stringify(await notificationTexts(page))})`);
        check(await statusBarShows(page, /ForgetLens: failed/, 5_000), 'the status bar says the audit failed');
        await toast.getByRole('button', { name: 'Show Log' }).click();
        const logged = await poll(page, async () => (await outputText(page)).includes(says) || undefined, 10_000);
        await screenshot(`log-after-${signal}`);
        check(logged === true, `Show Log opens the ForgetLens log, which has "${says}"`);
        check(resultDir(workspace.dir, file) === undefined, 'nothing is recorded for crash.csv');
        await page.keyboard.press('Escape');
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  },
};
