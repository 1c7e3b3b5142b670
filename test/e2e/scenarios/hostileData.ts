// Issue 5, scenario 5: a CSV whose id and text cells hold <script>, <img onerror> and javascript:
// payloads. Audited, shown in the panel, the tree, the annotations and the hover, nothing runs (no
// frame ever gets the global the payloads set), the cells show as plain text, and the extension's
// panel causes no CSP violation.
import * as path from 'node:path';
import { Frame } from 'playwright-core';
import { openFromExplorer } from '../explorer';
import { Scenario } from '../scenario';
import { globalInFrames } from '../security';
import { HOSTILE_IDS, PWNED_FLAG } from '../workspace/hostileCsv';
import { latestAudit } from '../workspace/results';
import { check, cursorLine, expandedPane, goToLine, hoverLine, poll, runCommand } from '../workbench';
import { auditedPanel } from './panelChecks';

export const hostileData: Scenario = {
  name: 'hostile-data',
  timeoutMs: 240_000,
  async run({ page, workspace, csp, screenshot }) {
    const { file, rows, flipped } = workspace.hostile;
    const name = path.basename(file);
    await openFromExplorer(page, name);
    await runCommand(page, 'ForgetLens: Audit Dataset');
    const panel = await auditedPanel(page, csp, name, rows);

    // The hostile ids are in the table as text, exactly as in the file.
    const ids = await panel.$$eval('table.samples tbody tr[data-id] td:nth-child(2)', (tds) => tds.map((td) => td.textContent ?? ''));
    for (const id of HOSTILE_IDS) check(ids.includes(id), `the table shows the id ${JSON.stringify(id)} as text`);
    await checkInert(panel);

    // Select each hostile row (detail, chart, reveal in the editor) and hover its annotated line.
    const report = latestAudit(workspace.dir, file);
    for (const id of flipped) {
      const sample = report.samples.find((s) => s.id === id)!;
      await panel.locator(`table.samples tbody tr[data-id="${cssString(id)}"]`).click();
      const detail = await poll(page, async () => ((await panel.textContent('.detail h2')) ?? '').startsWith(`${id} (label`) || undefined, 10_000);
      check(detail === true, `the detail of ${JSON.stringify(id)} shows its id as text`);
      check((await poll(page, async () => (await cursorLine(page, name)) === sample.source.line, 10_000)) === true, `selecting ${JSON.stringify(id)} moves the editor to its line ${sample.source.line}`);
      await checkInert(panel);
      await goToLine(page, name, sample.source.line!);
      const hover = await hoverLine(page, name, sample.source.line!);
      check(hover.includes(`difficulty ${sample.difficulty.toFixed(2)}`), `the hover on the hostile row ${sample.source.line} shows its breakdown (${JSON.stringify(hover.slice(0, 120))})`);
      await page.mouse.move(5, 500);
    }
    await screenshot('panel');
    // The tree view shows hostile ids as labels too.
    const pane = await expandedPane(page, 'Hard to forget');
    // A pane expanded just now draws its rows a moment later.
    const labelsOf = () => pane.locator('.monaco-list-row .label-name').allInnerTexts();
    const listed = await poll(page, async () => (await labelsOf()).some((l) => HOSTILE_IDS.some((id) => l.endsWith(id))), 10_000);
    check(listed === true, `the "Hard to forget" view lists a hostile id as text (${(await labelsOf()).slice(0, 3).join(' | ')})`);

    const pwned = await globalInFrames(page, PWNED_FLAG);
    check(pwned.length === 0, `no payload ran: ${JSON.stringify(pwned)}`);
    check(await csp.proveLive(panel), 'the CSP monitor reports a planted violation on both channels (it can see violations)');
    const { extension, codeServer } = await csp.split();
    if (codeServer.length) console.log(`    (code-server's own CSP reports, not the extension's: ${codeServer.length}; first: ${codeServer[0].text.slice(0, 160)})`);
    check(extension.length === 0, `the extension's panel causes no CSP violation, got ${extension.length}: ${extension.map((v) => `[${v.channel}] ${v.text.slice(0, 200)}`).join(' || ')}`);
  },
};

/** The panel holds no element or attribute a payload could have created. */
async function checkInert(panel: Frame): Promise<void> {
  const found = await panel.evaluate(() => {
    const app = document.getElementById('app')!;
    const bad: string[] = [];
    for (const el of Array.from(app.querySelectorAll('*'))) {
      if (['SCRIPT', 'IMG', 'IFRAME', 'OBJECT', 'EMBED'].includes(el.tagName)) bad.push(`<${el.tagName.toLowerCase()}>`);
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) bad.push(`${el.tagName.toLowerCase()}[${attr.name}]`);
        if (/^\s*javascript:/i.test(attr.value) && /^(href|src|action|formaction|xlink:href)$/i.test(attr.name)) bad.push(`${el.tagName.toLowerCase()}[${attr.name}=${attr.value}]`);
      }
    }
    return bad;
  });
  check(found.length === 0, `the panel created no element or handler from the data: ${found.join(', ')}`);
}

/** A value for a CSS attribute selector in double quotes. */
function cssString(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
