import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { renderPanelHtml } from '../../src/extension/panelHtml';
import type { HostToWebview, SampleRow } from '../../src/protocol/webview';

// The panel shows dataset content, which is untrusted. Load the built panel under its real CSP
// in Chromium, feed it hostile cells, and check that nothing runs and nothing is blocked.
const ROOT = path.join(__dirname, '..', '..');
const CHROMIUM = '/usr/bin/chromium';
const HOSTILE = ['<script>window.__pwned = "script"</script>', '<img src=x onerror="window.__pwned = \'img\'">', 'javascript:window.__pwned="link"', '"><svg onload="window.__pwned=1">'];

function serve(nonce: string): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/panel.html') {
      const base = `http://${req.headers.host}`;
      res.setHeader('content-type', 'text/html');
      res.end(renderPanelHtml({ cspSource: base, nonce, scriptUri: `${base}/dist/webview.js`, styleUri: `${base}/media/panel.css`, elementsUri: `${base}/dist/vscode-elements.js` }));
      return;
    }
    const file = path.join(ROOT, url.pathname);
    if (!file.startsWith(path.join(ROOT, 'dist')) && !file.startsWith(path.join(ROOT, 'media'))) return void res.writeHead(404).end();
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/css');
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function hostileRows(count: number): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: i < HOSTILE.length ? HOSTILE[i] : `row${i}`,
    rank: i + 1,
    label: HOSTILE[i % HOSTILE.length].slice(0, 30),
    split: 'train' as const,
    difficulty: 1 - i / count,
    reason: HOSTILE[(i + 1) % HOSTILE.length],
    memorization: i % 3 ? 0.5 : null,
    confidence: 0.5,
    similarCount: i % 4,
    entanglement: 0.2,
    labelDisagreement: 0.1,
    preview: HOSTILE[(i + 2) % HOSTILE.length],
    file: '/data/x.csv',
    line: i + 2,
  }));
}

test('hostile dataset cells in the results panel run nothing and trigger no CSP violation', async () => {
  assert.ok(fs.existsSync(CHROMIUM), 'Chromium is missing: run scripts/setup-system.sh');
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'webview.js')), 'build first: npm run build');
  const server = await serve('testnonce123');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    // A string, not a function: the test runner's transpiler would add helpers the page lacks.
    await page.addInitScript(`
      window.__violations = [];
      window.__posted = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
      let state;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
    `);
    const port = (server.address() as AddressInfo).port;
    await page.goto(`http://127.0.0.1:${port}/panel.html`);
    await page.waitForFunction('(window.__posted || []).some((m) => m.type === "ready")');

    const rows = hostileRows(250);
    const messages: HostToWebview[] = [
      {
        type: 'meta',
        meta: {
          datasetPath: HOSTILE[0], rows: rows.length, features: 4, classes: HOSTILE.map((h) => h.slice(0, 30)), mode: 'fast', backend: 'wasm',
          trainAccuracy: 1, testAccuracy: 0.9, summary: { hard: 3, withSimilarSamples: 2, memorized: 1, meanDifficulty: 0.4 }, stale: false, createdAt: '2026-01-01T00:00:00Z',
        },
      },
      { type: 'rows', rows: rows.slice(0, 200), done: false },
      { type: 'rows', rows: rows.slice(200), done: true },
      {
        type: 'forget',
        forget: { text: HOSTILE.join(' '), methods: [{ name: HOSTILE[1], tow: 0.9, towMia: 0.8, mia: 0.5, relativeTime: 0.1, forgetAcc: 0.7 }], verdicts: [{ id: HOSTILE[0], verdict: 'hard', evidence: HOSTILE[1] }], alsoConsiderDeleting: [HOSTILE[2]], rum: null, htmlReport: null },
      },
    ];
    for (const message of messages) await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
    await page.locator('table.samples tbody tr').first().click();
    const detail: HostToWebview = {
      type: 'detail',
      detail: { id: rows[0].id, label: 'x', difficulty: 0.9, reasons: ['<b onmouseover=alert(1)>bold</b>'], contributions: { memorization: 0.8, similarSamples: 0.2 }, factors: {}, similar: [{ id: '<img src=y onerror="window.__pwned=2">', similarity: 0.99 }] },
    };
    await page.evaluate(`window.postMessage(${JSON.stringify(detail)}, '*')`);
    await page.waitForSelector('.overview svg');
    await page.waitForSelector('.detail svg');
    await page.mouse.move(200, 300);

    const result = (await page.evaluate(`({
      pwned: window.__pwned,
      violations: window.__violations,
      rows: document.querySelectorAll('table.samples tbody tr').length,
      text: document.body.textContent || '',
      images: document.querySelectorAll('img').length,
    })`)) as { pwned: unknown; violations: string[]; rows: number; text: string; images: number };
    assert.equal(result.pwned, undefined, 'a payload ran');
    assert.deepEqual(result.violations, [], 'the panel triggered CSP violations');
    assert.equal(result.images, 0, 'no element may come from dataset markup');
    assert.equal(result.rows, 100, 'one page of the table is rendered');
    assert.ok(result.text.includes('<script>window.__pwned = "script"</script>'), 'hostile text is shown as text');
    assert.ok(result.text.includes('250 of 250 samples'));
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
