// What a person does and sees in the VS Code workbench (code-server), as small helpers the
// scenarios share: the palette, the explorer, editors, hovers, notifications, the status bar and
// the webview frames.
import { Frame, Locator, Page } from 'playwright-core';

export class ScenarioFailure extends Error {}

export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new ScenarioFailure(message);
}

/** Poll `probe` until it returns something other than undefined/false, or the time is up. */
export async function poll<T>(page: Page, probe: () => Promise<T | undefined | false>, timeoutMs: number, intervalMs = 250): Promise<T | undefined> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= until) return undefined;
    await page.waitForTimeout(intervalMs);
  }
}

/** The first frame (webviews are an iframe in an iframe) holding `selector`. */
export async function frameWith(page: Page, selector: string, timeoutMs: number): Promise<Frame> {
  const frame = await poll(page, async () => {
    for (const f of page.frames()) if (await f.$(selector).catch(() => null)) return f;
    return undefined;
  }, timeoutMs, 300);
  if (!frame) throw new ScenarioFailure(`no frame shows ${selector} after ${timeoutMs / 1000} s`);
  return frame;
}

/** The results panel's frame once its table is filled. */
export function panelFrame(page: Page, timeoutMs: number): Promise<Frame> {
  return frameWith(page, 'table.samples tbody tr', timeoutMs);
}

/**
 * "1797 of 1797 samples" → 1797 of 1797, as the line under the panel's table says it once every
 * row has arrived: rows stream in, and while they do the line says "(loading… n of N)". Waits
 * for that to end (up to `timeoutMs`); a line still loading then is returned as it is.
 */
export async function panelSampleCount(panel: Frame, timeoutMs = 30_000): Promise<{ shown: number; total: number; text: string }> {
  const status = panel.locator('.table-status').first();
  await status.filter({ hasNotText: 'loading' }).waitFor({ timeout: timeoutMs }).catch(() => undefined);
  const text = (await status.textContent()) ?? '';
  const m = /(\d+) of (\d+) samples/.exec(text);
  return { shown: m ? Number(m[1]) : NaN, total: m ? Number(m[2]) : NaN, text };
}

/**
 * Open the quick input from the title bar's command center and type into it: a click works
 * wherever keyboard focus is (a webview, such as the panel or an image preview, may keep key
 * presses to itself). Returns false when it closed before taking the text: it closes when it
 * loses focus, as when a webview takes focus just after it opened.
 */
async function quickInput(page: Page, text: string): Promise<boolean> {
  const widget = page.locator('.quick-input-widget').first();
  const input = widget.locator('.quick-input-box input').first();
  await page.locator('.command-center .command-center-center').first().click();
  return input
    .fill(text, { timeout: 3_000 })
    .then(async () => (await input.isVisible()) && (await input.inputValue()) === text)
    .catch(() => false);
}

/** Close the quick input (if open) and wait until it is hidden. */
async function closeQuickInput(page: Page): Promise<void> {
  const widget = page.locator('.quick-input-widget').first();
  if (await widget.isVisible()) await page.keyboard.press('Escape');
  await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}

/**
 * Run a command from the palette by its title. Right after the window opens the palette may not
 * list the extension's commands yet (extensions still loading), or a webview may take focus and
 * close it: then close it and open it again. The row chosen is the visible one, in the widget
 * that is open, and Enter goes to its input.
 */
export async function runCommand(page: Page, title: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const widget = page.locator('.quick-input-widget:visible').first();
  for (;;) {
    if (await quickInput(page, `>${title}`)) {
      const match = widget.locator('.quick-input-list .monaco-list-row:visible').filter({ hasText: title }).first();
      if (await match.waitFor({ state: 'visible', timeout: 2_000 }).then(() => true, () => false)) {
        await widget.locator('.quick-input-box input').first().press('Enter');
        return;
      }
    }
    await closeQuickInput(page);
    if (Date.now() > until) throw new ScenarioFailure(`the command palette has no "${title}"`);
  }
}

function waitForTab(page: Page, selector: string, name: string): Promise<void> {
  return page
    .waitForFunction(([sel, n]) => Array.from(document.querySelectorAll(sel)).some((t) => (t.textContent ?? '').includes(n)), [selector, name] as const, { timeout: 15_000 })
    .then(() => undefined);
}

/** The focused editor group's active tab shows `name` (the editor commands act on). */
export function waitForActiveEditor(page: Page, name: string): Promise<void> {
  return waitForTab(page, '.editor-group-container.active .tab.active', name);
}

/** Some editor group's active tab shows `name`. */
export function waitForActiveTab(page: Page, name: string): Promise<void> {
  return waitForTab(page, '.tab.active', name);
}

/** An explorer row by file name; `selected`: the one revealed for the active editor (names repeat across folders). */
export function explorerRow(page: Page, name: string, selected = false): Locator {
  return page.locator(`.explorer-folders-view .monaco-list-row${selected ? '.selected' : ''}[aria-label="${name}"]`).first();
}

/** Right-click an explorer row and choose a context-menu item (with the keyboard: a menu ignores clicks in its first moments). */
export async function explorerContextMenu(page: Page, rowName: string, item: string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  const menu = page.locator('.context-view .monaco-menu').first();
  for (;;) {
    await explorerRow(page, rowName).click({ button: 'right' });
    const entry = menu.locator('.action-item', { hasText: item }).first();
    if (await entry.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false)) {
      await entry.hover();
      const focused = await poll(page, async () => /\bfocused\b/.test((await entry.getAttribute('class')) ?? ''), 3_000, 50);
      if (focused) await page.keyboard.press('Enter');
      if (await menu.waitFor({ state: 'hidden', timeout: 3_000 }).then(() => true, () => false)) return;
    }
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: 3_000 }).catch(() => undefined);
    if (Date.now() > until) throw new ScenarioFailure(`the explorer's context menu on ${rowName} has no "${item}"`);
  }
}

/** The badge (file decoration) VS Code draws after the revealed file's name in the explorer, and its tooltip. */
export async function explorerBadge(page: Page, name: string): Promise<{ badge: string; tooltip: string }> {
  return explorerRow(page, name, true).locator('.monaco-icon-label').evaluate((label) => {
    const content = getComputedStyle(label, '::after').content;
    return { badge: content && content !== 'none' && content !== 'normal' ? content.replace(/^"|"$/g, '') : '', tooltip: label.getAttribute('aria-label') ?? '' };
  });
}

/** A view pane of the side bar (e.g. "Hard to forget"), expanded. */
export async function expandedPane(page: Page, title: string): Promise<Locator> {
  const header = page.locator('.pane-header', { hasText: new RegExp(`^\\s*${title}\\s*$`, 'i') }).first();
  await header.waitFor({ state: 'visible', timeout: 10_000 });
  if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
  return page.locator('.pane', { has: header });
}

/** The ForgetLens status bar item's text. */
export async function statusBarText(page: Page): Promise<string> {
  return ((await page.locator('.statusbar-item[id="forgetlens.forgetlens"]').innerText().catch(() => '')) ?? '').trim();
}

export async function statusBarShows(page: Page, pattern: RegExp, timeoutMs: number): Promise<boolean> {
  return (await poll(page, async () => pattern.test(await statusBarText(page)), timeoutMs, 300)) === true;
}

/**
 * The 1-based line of a file editor's cursor, as its highlighted line number shows it (the status
 * bar's "Ln" is only there while a text editor has focus, and revealing keeps focus in the panel).
 */
export async function cursorLine(page: Page, fileName: string): Promise<number | undefined> {
  const text = await editorFor(page, fileName).locator('.line-numbers.active-line-number').first().innerText({ timeout: 1000 }).catch(() => '');
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** The editor showing a file (by name). */
export function editorFor(page: Page, fileName: string): Locator {
  return page.locator(`.monaco-editor[data-uri$="/${fileName}"]`).first();
}

/** Move the cursor of a file's editor to a 1-based line (Go to Line), which scrolls it into view. */
export async function goToLine(page: Page, fileName: string, line: number): Promise<void> {
  const editor = editorFor(page, fileName);
  await editor.click({ position: { x: 120, y: 40 } });
  await page.keyboard.press('Control+G');
  await page.waitForSelector('.quick-input-widget', { state: 'visible', timeout: 10_000 });
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await poll(page, async () => (await cursorLine(page, fileName)) === line, 5_000);
}

/** Where a 1-based line is drawn in an editor (it must be scrolled into view). */
async function lineBox(page: Page, fileName: string, line: number): Promise<{ x: number; y: number; height: number } | undefined> {
  const editor = editorFor(page, fileName);
  const number = editor.locator('.line-numbers').filter({ hasText: new RegExp(`^${line}$`) }).first();
  if ((await number.count()) === 0) return undefined;
  const box = await number.boundingBox();
  const text = await editor.locator('.view-lines').boundingBox();
  return box && text ? { x: text.x, y: box.y, height: box.height } : undefined;
}

/** The end-of-line decoration text on a 1-based line, '' when it has none. */
export async function annotationOnLine(page: Page, fileName: string, line: number): Promise<string> {
  const box = await lineBox(page, fileName, line);
  check(box !== undefined, `line ${line} of ${fileName} is not on screen`);
  return editorFor(page, fileName).evaluate((editor, y) => {
    for (const viewLine of Array.from(editor.querySelectorAll('.view-lines .view-line'))) {
      if (Math.abs(viewLine.getBoundingClientRect().y - y) > 2) continue;
      for (const span of Array.from(viewLine.querySelectorAll('span'))) {
        const content = getComputedStyle(span, '::after').content;
        if (content && content !== 'none' && content !== 'normal') return JSON.parse(content) as string;
      }
    }
    return '';
  }, box.y);
}

/** The file names of the gutter icons (glyph margin) shown on a 1-based line, e.g. ['gutter-hard.svg']. */
export async function gutterIconsOnLine(page: Page, fileName: string, line: number): Promise<string[]> {
  const box = await lineBox(page, fileName, line);
  check(box !== undefined, `line ${line} of ${fileName} is not on screen`);
  return editorFor(page, fileName).evaluate((editor, y) => {
    const icons: string[] = [];
    for (const glyph of Array.from(editor.querySelectorAll('.glyph-margin-widgets .cgmr, .glyph-margin .cgmr'))) {
      if (Math.abs(glyph.getBoundingClientRect().y - y) > 2) continue;
      const image = getComputedStyle(glyph).backgroundImage;
      const name = /([^/"'=]+\.svg)/.exec(decodeURIComponent(image))?.[1];
      if (name) icons.push(name);
    }
    return icons;
  }, box.y);
}

/** Hover the start of a 1-based line and return the hover's text ('' if none shows). */
export async function hoverLine(page: Page, fileName: string, line: number): Promise<string> {
  const box = await lineBox(page, fileName, line);
  check(box !== undefined, `line ${line} of ${fileName} is not on screen`);
  let text: string | undefined;
  // The hover shows after the mouse rests on the text; move in from elsewhere so it sees a move.
  for (const x of [40, 70, 100]) {
    await page.mouse.move(box.x + x, box.y - 200, { steps: 2 });
    await page.mouse.move(box.x + x, box.y + box.height / 2, { steps: 4 });
    text = await poll(page, async () => {
      const shown = await page.locator('.monaco-hover:not(.hidden)').allInnerTexts();
      return shown.find((t) => t.trim() !== '');
    }, 4_000);
    if (text) break;
  }
  // Markdown text in hovers keeps its spaces as no-break spaces: compare it as it reads.
  return (text ?? '').replace(/\u00a0/g, ' ');
}

export interface ProgressObservation {
  /** Messages the notification showed, in order, without repeats ("training 35%"). */
  messages: string[];
  sawProgressBar: boolean;
  /** The notification went away (the job finished or was cancelled). */
  finished: boolean;
}

/**
 * Follow the progress notification titled `title` (e.g. "ForgetLens: auditing digits.csv"): it
 * must appear within `appearMs`, then is watched until it goes away or `finishMs` passes. It is
 * watched inside the page (every 100 ms, no round trip to Playwright per look), and its going away
 * ends the wait at once.
 */
export async function followProgress(page: Page, title: string, appearMs: number, finishMs: number): Promise<ProgressObservation> {
  const toast = page.locator('.notification-toast', { hasText: title }).first();
  const appeared = await toast.waitFor({ state: 'attached', timeout: appearMs }).then(() => true, () => false);
  if (!appeared) return { messages: [], sawProgressBar: false, finished: false };
  const key = `forgetlensProgress${Date.now()}`;
  type Seen = { messages: string[]; bar: boolean };
  const finished = await page
    .waitForFunction(
      ([t, k]) => {
        const store = window as unknown as Record<string, Seen>;
        const seen = (store[k] ??= { messages: [], bar: false });
        const shown = Array.from(document.querySelectorAll<HTMLElement>('.notification-toast')).find((el) => (el.textContent ?? '').includes(t));
        if (!shown) return true;
        const message = (shown.innerText.split('\n').find((l) => l.includes(t)) ?? '').replace(t, '').replace(/^:\s*/, '').trim();
        if (message && seen.messages[seen.messages.length - 1] !== message) seen.messages.push(message);
        if (shown.querySelector('.monaco-progress-container.active')) seen.bar = true;
        return false;
      },
      [title, key] as const,
      { polling: 100, timeout: finishMs },
    )
    .then(() => true, () => false);
  const seen = await page.evaluate((k) => (window as unknown as Record<string, Seen | undefined>)[k], key);
  return { messages: seen?.messages ?? [], sawProgressBar: seen?.bar ?? false, finished };
}

/** Texts of the notification toasts on screen now. */
export async function notificationTexts(page: Page): Promise<string[]> {
  return page.locator('.notification-toast').allInnerTexts().catch(() => []);
}

/**
 * What the Output view shows now (its editor's visible lines; it keeps the newest in view).
 * `unwrapped`: the Output view wraps long lines at a space; joined again, a long line can be found whole.
 */
export async function outputText(page: Page, { unwrapped = false } = {}): Promise<string> {
  const lines = await page.locator('.part.panel .monaco-editor .view-lines').allInnerTexts().catch(() => []);
  const text = lines.join('\n').replace(/\u00a0/g, ' ');
  return unwrapped ? text.replace(/\n/g, '') : text;
}

/** Show an output channel (e.g. "ForgetLens") in the Output view, chosen by name as a person does. */
export async function showOutputChannel(page: Page, channel: string): Promise<void> {
  await runCommand(page, 'Output: Show Output Channels');
  const widget = page.locator('.quick-input-widget:visible').first();
  const input = widget.locator('.quick-input-box input').first();
  await input.fill(channel);
  const row = widget.locator('.quick-input-list .monaco-list-row:visible').filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${channel}$`) }) }).first();
  if (!(await row.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) throw new ScenarioFailure(`"Output: Show Output Channels" lists no "${channel}"`);
  await row.click();
  await widget.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
}
