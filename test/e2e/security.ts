// Content-Security-Policy violations seen while the scenarios run, told apart by whose they are:
// the extension's panel (its own CSP, which quotes its nonce and cspSource) or code-server's own
// pages. Two channels: Chromium's console reports ("... violates the following Content Security
// Policy directive ...") from every frame from the start, and `securitypolicyviolation` listeners
// put into the panel frame (its document is rewritten by VS Code after load, so they go in late).
import { Frame, Page } from 'playwright-core';
import { poll } from './workbench';

export interface Violation {
  channel: 'console' | 'event';
  text: string;
  url: string;
}

const LISTENER = '__forgetlensCspViolations';
export const CANARY = 'forgetlens-csp-canary';

export class CspMonitor {
  private readonly console: Violation[] = [];
  /** The panel's policies seen so far (a new nonce for each panel instance). */
  private readonly panelPolicies = new Set<string>();
  private readonly watchedFrames = new Set<Frame>();

  constructor(private readonly page: Page) {
    page.on('console', (message) => {
      const text = message.text();
      if (/Content Security Policy/i.test(text)) this.console.push({ channel: 'console', text, url: message.location().url });
    });
  }

  /** Start listening in a panel frame and learn its policy. Call whenever a panel is found. */
  async watch(panel: Frame): Promise<void> {
    const policy = await panel.$eval('meta[http-equiv="Content-Security-Policy"]', (m) => m.getAttribute('content') ?? '');
    this.panelPolicies.add(policy);
    this.watchedFrames.add(panel);
    await panel.evaluate((key) => {
      const w = window as unknown as Record<string, unknown>;
      if (w[key]) return;
      const seen: unknown[] = [];
      w[key] = seen;
      document.addEventListener('securitypolicyviolation', (e) => seen.push({ directive: e.violatedDirective, blocked: e.blockedURI, source: e.sourceFile, policy: e.originalPolicy, sample: e.sample }));
    }, LISTENER);
  }

  /**
   * Prove both channels are live: load an image the panel's CSP forbids and wait until the console
   * and the in-frame listener both report it. Without this a broken monitor would pass silently.
   */
  async proveLive(panel: Frame): Promise<boolean> {
    await this.watch(panel);
    await panel.evaluate((canary) => {
      const img = document.createElement('img');
      img.src = `http://127.0.0.1:9/${canary}.png`;
      img.hidden = true;
      document.body.appendChild(img);
    }, CANARY);
    const seen = await poll(this.page, async () => {
      const hits = (await this.all()).filter((v) => v.text.includes(CANARY));
      return hits.some((v) => v.channel === 'console') && hits.some((v) => v.channel === 'event');
    }, 10_000);
    return seen === true;
  }

  /** Every violation seen, the canary excluded or not. */
  async all(): Promise<Violation[]> {
    const events: Violation[] = [];
    for (const frame of this.watchedFrames) {
      if (frame.isDetached()) continue;
      const seen = await frame.evaluate((key) => (window as unknown as Record<string, unknown[]>)[key] ?? [], LISTENER).catch(() => []);
      for (const e of seen as Array<{ directive: string; blocked: string; source: string; policy: string; sample: string }>) {
        events.push({ channel: 'event', text: `${e.directive} blocked ${e.blocked} (${e.sample}) under "${e.policy}"`, url: e.source });
      }
    }
    return [...this.console, ...events];
  }

  /** Violations caused by the extension's panel (not the canary), and code-server's own. */
  async split(): Promise<{ extension: Violation[]; codeServer: Violation[] }> {
    const extension: Violation[] = [];
    const codeServer: Violation[] = [];
    for (const v of await this.all()) {
      if (v.text.includes(CANARY)) continue;
      (this.isExtensions(v) ? extension : codeServer).push(v);
    }
    return { extension, codeServer };
  }

  private isExtensions(v: Violation): boolean {
    if (v.channel === 'event') return true; // listeners live only in the extension's panel
    if (v.url.includes('extensionId=forgetlens.forgetlens')) return true;
    // A console report quotes the directive it broke: the panel's own directives carry its nonce or cspSource.
    for (const policy of this.panelPolicies) {
      for (const directive of policy.split(';').map((d) => d.trim())) {
        if (directive && directive !== "default-src 'none'" && v.text.includes(directive)) return true;
      }
    }
    return false;
  }
}

/** The value of a global in every frame of the page (top page and webviews), where it is set. */
export async function globalInFrames(page: Page, name: string): Promise<Array<{ frame: string; value: unknown }>> {
  const found: Array<{ frame: string; value: unknown }> = [];
  for (const frame of page.frames()) {
    const value = await frame.evaluate((n) => (window as unknown as Record<string, unknown>)[n], name).catch(() => undefined);
    if (value !== undefined) found.push({ frame: frame.name() || frame.url(), value });
  }
  return found;
}
