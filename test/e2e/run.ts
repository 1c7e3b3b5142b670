// `npm run e2e`: the extension in a real VS Code (code-server 4.100.x) driven by Playwright in
// Debian's Chromium. Installs what it needs, starts everything on loopback, stops it by pid even
// when a scenario fails, and saves a screenshot of each scenario under artifacts/e2e/.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, Frame, Page, chromium } from 'playwright-core';
import { ensureCodeServer, installVsix, startCodeServer } from './codeServer';

const ROOT = path.join(__dirname, '..', '..');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
const PORT = 8700 + Math.floor(Math.random() * 200);

interface Scenario {
  name: string;
  run(page: Page, workspace: string): Promise<void>;
}

async function frameWith(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch {
        // frames come and go while the workbench loads
      }
    }
    await page.waitForTimeout(300);
  }
  throw new Error(`no frame shows ${selector} after ${timeoutMs / 1000} s`);
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  await page.keyboard.type(title);
  await page.waitForTimeout(600);
  await page.keyboard.press('Enter');
}

/** Open a workspace file by clicking it in the explorer (keyboard focus may be inside a webview). */
async function openFile(page: Page, name: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.waitForFunction((n) => Array.from(document.querySelectorAll('.tab.active')).some((t) => (t.textContent ?? '').includes(n)), name, { timeout: 10_000 });
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

const scenarios: Scenario[] = [
  {
    name: 'audit-dataset',
    async run(page) {
      await openFile(page, 'digits.csv');
      await runCommand(page, 'ForgetLens: Audit Dataset');
      await page.waitForSelector('.notifications-toasts', { timeout: 20_000 });
      const panel = await frameWith(page, 'table.samples tbody tr', 180_000);
      await panel.waitForSelector('.overview svg', { timeout: 30_000 });
      const pager = (await panel.textContent('.pager')) ?? '';
      check(/1797 of 1797 samples/.test(pager), `the table should list all 1797 rows: ${pager}`);
      const marks = await panel.$$eval('.overview svg path, .overview svg rect', (n) => n.length);
      check(marks > 10, `charts should be drawn (${marks} marks)`);
    },
  },
  {
    name: 'annotations-and-reveal',
    async run(page) {
      const panel = await frameWith(page, 'table.samples tbody tr', 30_000);
      const firstLine = await panel.$eval('table.samples tbody tr', (tr) => tr.getAttribute('data-id'));
      await panel.click('table.samples tbody tr');
      await page.waitForTimeout(1500);
      const lineNumber = await page.$eval('.editor-group-container.active .monaco-editor .current-line ~ .line-numbers, .monaco-editor .active-line-number', (n) => n.textContent?.trim() ?? '').catch(() => '');
      check(firstLine !== null, 'the table has a first row');
      check(lineNumber !== '', `clicking a row should move the editor cursor (got line "${lineNumber}")`);
      const annotated = await page.evaluate(() =>
        Array.from(document.querySelectorAll('.view-lines span')).some((s) => (getComputedStyle(s, '::after').content || '').includes('hard to forget')),
      );
      check(annotated, 'the CSV editor shows end-of-line annotations');
    },
  },
  {
    name: 'reload-reuses-results',
    async run(page) {
      await page.reload();
      await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
      await page.waitForTimeout(3000);
      // The CodeLens comes from the restored results, before anything is opened.
      check((await page.textContent('.monaco-workbench')) !== null, 'workbench is back');
      const started = Date.now();
      await runCommand(page, 'ForgetLens: Open Results');
      const panel = await frameWith(page, 'table.samples tbody tr', 30_000);
      const pager = (await panel.textContent('.pager')) ?? '';
      check(/1797 of 1797 samples/.test(pager), `the revived panel shows the cached results: ${pager}`);
      check(Date.now() - started < 30_000, 'results come back from .forgetlens/ without recomputing');
    },
  },
  {
    name: 'forget-set-audit',
    async run(page, workspace) {
      await openFile(page, 'request.txt');
      await runCommand(page, 'ForgetLens: Audit Forget Set');
      const panel = await frameWith(page, '.forget .verdicts li', 240_000);
      const verdicts = await panel.$$eval('.forget .verdicts li', (n) => n.length);
      check(verdicts === REQUEST_IDS.length, `a verdict for each of the ${REQUEST_IDS.length} requested samples (got ${verdicts})`);
      const summary = (await panel.textContent('.forget .summary')) ?? '';
      check(summary.startsWith(`Of ${REQUEST_IDS.length} requested samples`), `plain-language summary: ${summary}`);
      const html = findFile(path.join(workspace, '.forgetlens'), 'forget-audit.html');
      check(html !== undefined, 'the HTML report was written');
      const report = await page.context().browser()!.newPage();
      await report.goto(`file://${html}`);
      check(((await report.textContent('.summary')) ?? '').startsWith('Of '), 'the HTML report opens and starts with the summary');
      await report.close();
    },
  },
  {
    name: 'cancel-then-audit-again',
    async run(page, workspace) {
      await openFile(page, 'big.csv');
      await runCommand(page, 'ForgetLens: Audit Dataset');
      await page.waitForTimeout(4000);
      check(workerPids().length === 1, `one worker runs during the audit (found ${workerPids().length})`);
      await runCommand(page, 'ForgetLens: Cancel Audit');
      const cancelledAt = Date.now();
      while (workerPids().length > 0 && Date.now() - cancelledAt < 5000) await page.waitForTimeout(100);
      const stopMs = Date.now() - cancelledAt;
      check(workerPids().length === 0 && stopMs <= 2000, `the worker is gone within 2 s of cancel (took ${stopMs} ms)`);
      await page.waitForSelector('text=audit cancelled', { timeout: 10_000 });
      check(await statusBarShows(page, /ForgetLens: cancelled/, 5_000), 'the status bar says cancelled');
      // big.csv is still the active editor: audit it again, to the end this time.
      await runCommand(page, 'ForgetLens: Audit Dataset');
      check(await statusBarShows(page, /ForgetLens: \d+ hard/, 240_000), 'a new audit after the cancel finishes');
      check(findFile(path.join(workspace, '.forgetlens'), 'audit.json', 'big.csv') !== undefined, 'its results are written');
    },
  },
];

/** Ids of the forget-set request the E2E workspace holds. */
const REQUEST_IDS = ['d3', 'd40', 'd77', 'd150', 'd600', 'd900', 'd1200', 'd1500'];
/** Rows of the larger dataset used to have an audit running long enough to cancel it. */
const BIG_ROWS = 1797 * 6;

/** The extensions folder of this run: other E2E runs on the machine have workers of their own. */
let extensionsDir = '';

function workerPids(): string[] {
  try {
    return execFileSync('pgrep', ['-f', `${extensionsDir}/.*/dist/worker.js`], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

async function statusBarShows(page: Page, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (pattern.test((await page.textContent('.statusbar')) ?? '')) return true;
    await page.waitForTimeout(300);
  }
  return false;
}

/** A file called `name` under `dir`, in a folder whose name starts with `folderPrefix` if given. */
function findFile(dir: string, name: string, folderPrefix = ''): string | undefined {
  if (!fs.existsSync(dir)) return undefined;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const found = entry.name.startsWith(folderPrefix) ? findFile(full, name) : undefined;
      if (found) return found;
    } else if (entry.name === name) return full;
  }
  return undefined;
}

/** The digits repeated with new ids: large enough that its audit runs for a while. */
function writeBigCsv(target: string): void {
  const [header, ...rows] = fs.readFileSync(path.join(ROOT, 'examples', 'digits.csv'), 'utf8').trim().split('\n');
  const out = [header];
  for (let copy = 0; copy < BIG_ROWS / rows.length; copy++) for (const row of rows) out.push(row.replace(/^d/, `c${copy}_`));
  fs.writeFileSync(target, out.join('\n') + '\n');
}

async function main(): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const bin = ensureCodeServer();
  execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: 'inherit' });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-e2e-'));
  const [extensions, userData, workspace] = ['extensions', 'user-data', 'workspace'].map((d) => path.join(scratch, d));
  extensionsDir = extensions;
  for (const d of [extensions, path.join(userData, 'User'), workspace]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': process.env.E2E_THEME ?? 'Default Dark Modern', 'workbench.startupEditor': 'none' }));
  fs.copyFileSync(path.join(ROOT, 'examples', 'digits.csv'), path.join(workspace, 'digits.csv'));
  fs.writeFileSync(path.join(workspace, 'request.txt'), ['# deletion request', ...REQUEST_IDS].join('\n') + '\n');
  writeBigCsv(path.join(workspace, 'big.csv'));
  installVsix(bin, extensions, userData, path.join(ROOT, 'forgetlens.vsix'));
  const server = await startCodeServer(bin, extensions, userData, workspace, PORT);
  let browser: Browser | undefined;
  const failures: string[] = [];
  try {
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    if (process.env.E2E_DEBUG) page.on('console', (m) => m.type() === 'error' && console.log(`  console: ${m.text().slice(0, 300)}`));
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForTimeout(2000);
    for (const scenario of scenarios) {
      const started = Date.now();
      try {
        await scenario.run(page, workspace);
        console.log(`ok - ${scenario.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (err) {
        failures.push(scenario.name);
        console.log(`not ok - ${scenario.name}: ${err instanceof Error ? err.message : String(err)}`);
      } finally {
        await page.screenshot({ path: path.join(ARTIFACTS, `${scenario.name}.png`) });
      }
    }
  } finally {
    await browser?.close();
    await server.stop();
    if (process.env.E2E_KEEP) console.log(`kept ${scratch}`);
    else fs.rmSync(scratch, { recursive: true, force: true });
  }
  console.log(`${scenarios.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) process.exit(1);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
