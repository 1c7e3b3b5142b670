// Issue 14, README claims: Problems entries for the annotated rows (when the setting asks),
// "Add Selected Rows to Forget Set", a result that goes stale on an edit (and back when the
// content is the audited one again: staleness is by content hash), "Clear Annotations" and
// "Export Report…", each on the digits' result as a person would use them.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import type { AuditSample } from '../../../src/core/report/auditSchema';
import { openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { latestAudit, resultDir } from '../workspace/results';
import { ScenarioFailure, annotationOnLine, check, goToLine, gutterIconsOnLine, notificationTexts, outputText, poll, runCommand, showOutputChannel } from '../workbench';

export const editorCommands: Scenario = {
  name: 'editor-commands',
  timeoutMs: 180_000,
  async run({ page, workspace, screenshot }) {
    const { file } = workspace.digits;
    const report = latestAudit(workspace.dir, file);
    // The hardest row that is not part of the deletion request (those show their verdict instead).
    const hardest = report.samples.find((s) => !workspace.request.ids.includes(s.id) && s.source.line !== undefined)!;
    const name = path.basename(file);
    const line = hardest.source.line!;
    // Only this file in the editor: Problems entries are published for the files shown.
    await runCommand(page, 'View: Close All Editors');
    await openFromExplorer(page, name);
    await goToLine(page, name, line);
    const shown = await poll(page, async () => (await annotationOnLine(page, name, line)).startsWith('◆ hard to forget') || undefined, 20_000);
    check(shown === true, `digits.csv line ${line} (${hardest.id}) is annotated once its result is loaded (got "${await annotationOnLine(page, name, line)}")`);

    // Problems entries: off by default, on with forgetlens.problems.
    const settingsFile = path.join(workspace.dir, '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(settingsFile), { recursive: true });
    fs.writeFileSync(settingsFile, JSON.stringify({ 'forgetlens.problems': true }, null, 1));
    await runCommand(page, 'Problems: Focus on Problems View');
    // One entry per annotated row: the requested rows (they show their verdict) and the 100 hardest others.
    const forgetFile = path.join(resultDir(workspace.dir, file)!, 'forget-audit.json');
    const requested = fs.existsSync(forgetFile) ? (JSON.parse(fs.readFileSync(forgetFile, 'utf8')) as { samples: Array<{ id: string }> }).samples.map((s) => s.id) : [];
    const expectedCount = requested.length + Math.min(100, report.samples.filter((s) => s.difficulty >= 0.3 && !requested.includes(s.id)).length);
    const listed = await poll(page, async () => (await problemRows(page)).find((r) => r.startsWith(`${name}\n`)), 20_000);
    await screenshot('problems');
    check(listed?.endsWith(`\n${expectedCount}`) === true, `the Problems view has ${expectedCount} ForgetLens entries for ${name} (rows: ${JSON.stringify((await problemRows(page)).slice(0, 3))})`);
    const byLine = new Map(report.samples.map((s) => [s.source.line, s]));
    const entries = (await problemRows(page)).map((r) => /^(.*)\nForgetLens\n\[Ln (\d+), Col 1\]$/s.exec(r)).filter((m) => m !== null);
    check(entries.length >= 5, `the Problems view shows ForgetLens entries (${entries.length})`);
    for (const [, message, ln] of entries) {
      const s = byLine.get(Number(ln));
      check(s !== undefined && message.includes(`(${s.difficulty.toFixed(2)}): `) && (s.difficulty >= 0.3 || requested.includes(s.id)), `the entry at line ${ln} gives that row's difficulty (${s?.difficulty.toFixed(2)}): "${message}"`);
    }

    // Add Selected Rows: three lines selected, their three samples' ids appended once.
    const forgetSet = path.join(workspace.dir, '.forgetlens', 'forget-set.txt');
    const before = fs.existsSync(forgetSet) ? fs.readFileSync(forgetSet, 'utf8') : '';
    await goToLine(page, name, line);
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('Shift+ArrowDown');
    await runCommand(page, 'ForgetLens: Add Selected Rows to Forget Set');
    const expected = samplesOnLines(report.samples, [line, line + 1, line + 2]).map((s) => s.id);
    check(expected.length === 3, `lines ${line}-${line + 2} of digits.csv are three samples (found ${expected.length})`);
    const told = await poll(page, async () => (await notificationTexts(page)).find((t) => t.includes('3 ids in .forgetlens/forget-set.txt')), 10_000);
    check(told !== undefined, `a notification says 3 ids went to .forgetlens/forget-set.txt (got ${JSON.stringify(await notificationTexts(page))})`);
    const idsIn = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#'));
    const after = fs.readFileSync(forgetSet, 'utf8');
    const added = idsIn(after).slice(idsIn(before).length);
    check(after.startsWith(before) && JSON.stringify(added) === JSON.stringify(expected.filter((id) => !idsIn(before).includes(id))), `forget-set.txt gains the ids ${expected.join(', ')} (gained ${JSON.stringify(added)})`);

    // An edit makes the result stale; saving keeps it stale (the content hash differs); undoing
    // and saving again gives the audited content back, and the result is current again.
    await goToLine(page, name, line + 5);
    await page.keyboard.press('End');
    await page.keyboard.type('0');
    const stale = await poll(page, async () => (await annotationOnLine(page, name, line)).endsWith('(stale)') || undefined, 10_000);
    check(stale === true, `after an edit line ${line}'s annotation says stale (got "${await annotationOnLine(page, name, line)}")`);
    check((await gutterIconsOnLine(page, name, line)).includes('gutter-stale.svg'), `the stale row's gutter icon is the stale one (got ${JSON.stringify(await gutterIconsOnLine(page, name, line))})`);
    const lens = await poll(page, async () => (await codeLensTexts(page)).find((t) => t.includes('stale: the file changed since the audit')), 10_000);
    check(lens !== undefined, `the CodeLens says the file changed since the audit (got ${JSON.stringify(await codeLensTexts(page))})`);
    await page.keyboard.press('Control+S');
    // The save changes nothing on screen (the result was stale already): the log says the check
    // after it ran, with the hash of what was saved, and only then is "still stale" a finding.
    await showOutputChannel(page, 'ForgetLens');
    const says = `${name} changed on disk: its content differs from the audited one (sha256 ${sha256(file).slice(0, 12)}…, audited ${report.dataset.sha256.slice(0, 12)}…): the result is stale until it is audited again`;
    const checked = await poll(page, async () => (await outputText(page, { unwrapped: true })).includes(says) || undefined, 15_000);
    await screenshot('checked-after-save');
    check(checked === true, `the ForgetLens log says "${says}" (log ends: ${JSON.stringify((await outputText(page)).split('\n').slice(-3))})`);
    check((await annotationOnLine(page, name, line)).endsWith('(stale)'), 'saved with the edit, the result stays stale');
    await goToLine(page, name, line + 5);
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+S');
    const current = await poll(page, async () => ((await annotationOnLine(page, name, line)).startsWith('◆ hard to forget') && !(await annotationOnLine(page, name, line)).endsWith('(stale)')) || undefined, 15_000);
    await screenshot('current-again');
    check(current === true, `with the audited content saved back, the result is current again (got "${await annotationOnLine(page, name, line)}")`);

    // Clear Annotations: the row's text, its gutter icon and the Problems entries go.
    await runCommand(page, 'Problems: Focus on Problems View');
    await runCommand(page, 'ForgetLens: Clear Annotations');
    const cleared = await poll(page, async () => ((await annotationOnLine(page, name, line)) === '' && (await gutterIconsOnLine(page, name, line)).length === 0) || undefined, 10_000);
    check(cleared === true, `Clear Annotations removes line ${line}'s annotation and gutter icon (still "${await annotationOnLine(page, name, line)}")`);
    const problemsLeft = await poll(page, async () => !(await problemRows(page)).some((r) => r.includes('ForgetLens')) || undefined, 10_000);
    check(problemsLeft === true, `Clear Annotations removes the Problems entries (left: ${JSON.stringify((await problemRows(page)).slice(0, 3))})`);
    fs.rmSync(settingsFile);

    // Export Report: the active result's report, byte for byte, where the save dialog says.
    await exportReport(page, workspace.dir);
  },
};

async function exportReport(page: Page, workspaceDir: string): Promise<void> {
  const index = JSON.parse(fs.readFileSync(path.join(workspaceDir, '.forgetlens', 'index.json'), 'utf8')) as Record<string, { dir: string }>;
  const activeDir = Object.values(index).at(-1)!.dir;
  const source = fs.existsSync(path.join(activeDir, 'forget-audit.html')) ? path.join(activeDir, 'forget-audit.html') : path.join(activeDir, 'audit.json');
  const target = path.join(workspaceDir, `exported-${path.basename(source)}`);
  await runCommand(page, 'ForgetLens: Export Report…');
  // code-server's save dialog is VS Code's simple dialog: a path in the quick input.
  const input = page.locator('.quick-input-widget .quick-input-box input').first();
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // The dialog fills in its default (the workspace and the report's own name) a moment later.
  const proposed = await poll(page, async () => (await input.inputValue()).endsWith(path.basename(source)) || undefined, 10_000);
  check(proposed === true, `the save dialog proposes ${path.basename(source)} (has "${await input.inputValue()}")`);
  await input.fill(target);
  const typed = await poll(page, async () => (await input.inputValue()) === target || undefined, 5_000);
  check(typed === true, `the save dialog takes the path ${target}`);
  await page.keyboard.press('Enter');
  const written = await poll(page, async () => fs.existsSync(target) || undefined, 10_000);
  try {
    if (!written) throw new ScenarioFailure(`Export Report writes ${target} (quick input: "${await input.inputValue().catch(() => '')}")`);
    check(Buffer.compare(fs.readFileSync(target), fs.readFileSync(source)) === 0, `the exported ${path.basename(target)} is the result's ${path.basename(source)}, byte for byte`);
    const told = await poll(page, async () => (await notificationTexts(page)).find((t) => t.includes(`ForgetLens: exported ${path.basename(target)}`)), 10_000);
    check(told !== undefined, 'a notification says what was exported');
  } finally {
    fs.rmSync(target, { force: true });
  }
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function samplesOnLines(samples: AuditSample[], lines: number[]): AuditSample[] {
  return lines.flatMap((l) => samples.filter((s) => s.source.line === l));
}

async function problemRows(page: Page): Promise<string[]> {
  return page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
}

async function codeLensTexts(page: Page): Promise<string[]> {
  return page.locator('.monaco-editor .codelens-decoration').allInnerTexts().catch(() => []);
}
