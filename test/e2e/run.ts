// `npm run e2e`: the extension in a real VS Code (code-server 4.100.x) driven by Playwright in
// Debian's Chromium. Sets up (code-server, VSIX, workspace, server, browser), runs the scenarios
// in order, saves a screenshot of each one's final state under artifacts/e2e/<theme>/, and stops
// everything it started by pid, also when a scenario fails; then checks that nothing survived.
//   E2E_THEME=<colour theme>  (default "Default Dark Modern")
//   E2E_ONLY=name,name        run only these scenarios (later ones depend on earlier ones)
//   E2E_KEEP=1                keep the scratch folder (workspace, user data, code-server.log)
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { RunningServer, ensureCodeServer, installVsix, startCodeServer } from './codeServer';
import { ProcessInfo, descendantsOf, isAlive, processesMentioning } from './processes';
import { E2EContext, Scenario } from './scenario';
import { annotationsAndReveal } from './scenarios/annotationsAndReveal';
import { auditDataset } from './scenarios/auditDataset';
import { cancelThenAuditAgain } from './scenarios/cancelThenAuditAgain';
import { forgetSetAudit } from './scenarios/forgetSetAudit';
import { hostileData } from './scenarios/hostileData';
import { imageFolderBadges } from './scenarios/imageFolderBadges';
import { reloadReusesResults } from './scenarios/reloadReusesResults';
import { trustBoundary } from './scenarios/trustBoundary';
import { editorCommands } from './scenarios/editorCommands';
import { restrictedMode } from './scenarios/restrictedMode';
import { workerCrash } from './scenarios/workerCrash';
import { CspMonitor } from './security';
import { prepareWorkspace } from './workspace';

// In this order: each starts where the one before left the window. The forget-set audit runs
// after the image folder's audit, so it proves the request goes to the dataset holding its ids
// (the digits), not to the last audited one.
const SCENARIOS: Scenario[] = [auditDataset, annotationsAndReveal, imageFolderBadges, forgetSetAudit, hostileData, cancelThenAuditAgain, reloadReusesResults, trustBoundary, editorCommands, workerCrash, restrictedMode];
/** The whole stage must stay under 10 minutes: scenarios not started by then are reported as not run. */
const BUDGET_MS = 9 * 60_000;

const ROOT = path.join(__dirname, '..', '..');
const THEME = process.env.E2E_THEME ?? 'Default Dark Modern';
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e', THEME.toLowerCase().replace(/[^a-z0-9]+/g, '-'));
const CHROMIUM = '/usr/bin/chromium';
const PORT = 8700 + Math.floor(Math.random() * 200);

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function selectedScenarios(): Scenario[] {
  const only = process.env.E2E_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!only) return SCENARIOS;
  const unknown = only.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`unknown scenario(s) ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.name).join(', ')}`);
  return SCENARIOS.filter((s) => only.includes(s.name));
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what} did not finish within ${seconds(ms)}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runScenarios(browser: Browser, server: RunningServer, ctxBase: Omit<E2EContext, 'page' | 'csp' | 'screenshot'>, started: number): Promise<string[]> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const csp = new CspMonitor(page);
  if (process.env.E2E_DEBUG) page.on('console', (m) => m.type() === 'error' && console.log(`  console: ${m.text().slice(0, 300)}`));
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ctxBase.workspace.dir)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  // The workspace is open once the explorer draws its files.
  await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60_000 });
  const failures: string[] = [];
  const scenarios = selectedScenarios();
  for (const [index, scenario] of scenarios.entries()) {
    const prefix = `${String(index + 1).padStart(2, '0')}-${scenario.name}`;
    if (Date.now() - started > BUDGET_MS) {
      failures.push(scenario.name);
      console.log(`not ok - ${scenario.name}: not run, the E2E stage is past its ${BUDGET_MS / 60_000}-minute budget`);
      continue;
    }
    const ctx: E2EContext = { ...ctxBase, page, csp, screenshot: (name) => page.screenshot({ path: path.join(ARTIFACTS, `${prefix}-${name}.png`) }).then(() => undefined) };
    const scenarioStarted = Date.now();
    try {
      await withTimeout(scenario.run(ctx), scenario.timeoutMs, scenario.name);
      console.log(`ok - ${scenario.name} (${seconds(Date.now() - scenarioStarted)})`);
    } catch (err) {
      failures.push(scenario.name);
      console.log(`not ok - ${scenario.name} (${seconds(Date.now() - scenarioStarted)}): ${err instanceof Error ? err.message : String(err)}`);
    } finally {
      await page.screenshot({ path: path.join(ARTIFACTS, `${prefix}.png`) }).catch((e) => console.log(`  (no screenshot: ${e})`));
    }
  }
  return failures;
}

/** Helpers of this Node process itself (tsx's esbuild service), there before the run started anything. */
const OWN_HELPERS = new Set(descendantsOf(process.pid).map((p) => p.pid));

/** Processes this run started that are still there (there should be none): each is killed by its pid. */
function killSurvivors(scratch: string): ProcessInfo[] {
  const seen = new Map<number, ProcessInfo>();
  for (const p of [...descendantsOf(process.pid), ...processesMentioning(scratch)]) if (!OWN_HELPERS.has(p.pid)) seen.set(p.pid, p);
  for (const p of seen.values()) if (isAlive(p.pid)) process.kill(p.pid, 'SIGKILL');
  return [...seen.values()];
}

async function main(): Promise<number> {
  // Installing code-server (first run on a machine) is tool set-up, like npm ci: the stage's budget starts after it.
  const installStarted = Date.now();
  const bin = ensureCodeServer();
  console.log(`e2e: code-server ready in ${seconds(Date.now() - installStarted)}`);
  const started = Date.now();
  fs.rmSync(ARTIFACTS, { recursive: true, force: true });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  execFileSync('npm', ['run', 'package'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'forgetlens-e2e-'));
  const [extensionsDir, userData, workspaceDir] = ['extensions', 'user-data', 'workspace'].map((d) => path.join(scratch, d));
  for (const d of [extensionsDir, path.join(userData, 'User')]) fs.mkdirSync(d, { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ 'workbench.colorTheme': THEME, 'workbench.startupEditor': 'none' }));
  const workspace = prepareWorkspace(workspaceDir);
  installVsix(bin, extensionsDir, userData, path.join(ROOT, 'forgetlens.vsix'));
  console.log(`e2e: code-server on 127.0.0.1:${PORT}, theme "${THEME}", set up in ${seconds(Date.now() - started)}`);

  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let failures: string[] = ['(set-up)'];
  const teardown = async () => {
    await browser?.close().catch(() => undefined);
    await server?.stop();
  };
  // Interrupted (Playwright's own SIGINT handler closes the browser and exits at once): the exit
  // hook still takes code-server's process group, with the extension host and workers, down.
  process.on('exit', () => server?.killNow());
  const onSignal = (signal: NodeJS.Signals) => {
    console.log(`e2e: ${signal}: stopping what was started`);
    server?.killNow();
    void teardown().finally(() => {
      killSurvivors(scratch);
      process.exit(130);
    });
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    server = await startCodeServer(bin, extensionsDir, userData, workspaceDir, PORT);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    failures = await runScenarios(browser, server, { workspace, extensionsDir }, started);
  } catch (err) {
    console.log(`not ok - set-up: ${err instanceof Error ? err.stack : String(err)}`);
  } finally {
    await teardown();
  }

  const left = killSurvivors(scratch);
  if (left.length) {
    failures.push('(clean-up)');
    console.log(`not ok - clean-up: ${left.length} process(es) outlived the run, killed: ${left.map((p) => `${p.pid} ${p.cmdline.slice(0, 100)}`).join('; ')}`);
  } else console.log('ok - clean-up: no code-server, Chromium or worker process is left');
  if (process.env.E2E_KEEP) console.log(`kept ${scratch}`);
  else fs.rmSync(scratch, { recursive: true, force: true });
  const total = selectedScenarios().length;
  console.log(`${total - failures.filter((f) => !f.startsWith('(')).length} of ${total} scenarios passed; ${seconds(Date.now() - started)} in all; screenshots in ${path.relative(ROOT, ARTIFACTS)}/`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
