// The results panel served on its own (its real HTML, CSP, script and styles from dist/ and
// media/) to Chromium, with a fake VS Code API that records what the panel posts to the host.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { Page } from 'playwright-core';
import { renderPanelHtml } from '../../src/extension/panelHtml';
import type { HostToWebview, WebviewToHost } from '../../src/protocol/webview';

const ROOT = path.join(__dirname, '..', '..');
export const CHROMIUM = '/usr/bin/chromium';

/** Images are served under /images/ by name. */
export function serve(nonce: string, images: Map<string, Buffer>): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const base = `http://${req.headers.host}`;
    if (url.pathname === '/panel.html') {
      res.setHeader('content-type', 'text/html');
      res.end(renderPanelHtml({ cspSource: base, nonce, scriptUri: `${base}/dist/webview.js`, styleUri: `${base}/media/panel.css`, elementsUri: `${base}/dist/vscode-elements.js` }));
      return;
    }
    if (url.pathname.startsWith('/images/')) {
      const image = images.get(decodeURIComponent(url.pathname.slice('/images/'.length)));
      if (!image) return void res.writeHead(404).end();
      res.setHeader('content-type', 'image/png');
      return void res.end(image);
    }
    const file = path.join(ROOT, url.pathname);
    if (!file.startsWith(path.join(ROOT, 'dist')) && !file.startsWith(path.join(ROOT, 'media'))) return void res.writeHead(404).end();
    if (!fs.existsSync(file)) return void res.writeHead(404).end();
    res.setHeader('content-type', file.endsWith('.js') ? 'text/javascript' : 'text/css');
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Page init script: a string, not a function (the test runner's transpiler would add helpers the page lacks). */
export const FAKE_VSCODE_API = `
      window.__violations = [];
      window.__posted = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
      let state;
      window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
    `;

export async function posted(page: Page): Promise<WebviewToHost[]> {
  return (await page.evaluate('window.__posted')) as WebviewToHost[];
}

export async function send(page: Page, message: HostToWebview): Promise<void> {
  await page.evaluate(`window.postMessage(${JSON.stringify(message)}, '*')`);
}

/** Poll with page.evaluate: waitForFunction re-evaluates its string with eval, which the panel's CSP forbids. */
export async function waitUntil(page: Page, expression: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${expression}`);
    await page.waitForTimeout(50);
  }
}

export async function waitForPost(page: Page, predicate: string): Promise<WebviewToHost> {
  await waitUntil(page, `window.__posted.some(${predicate})`);
  return (await page.evaluate(`window.__posted.filter(${predicate}).pop()`)) as WebviewToHost;
}
