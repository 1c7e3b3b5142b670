// Opening workspace files the way a person does in the explorer: collapse the tree, expand each
// folder of the path, scroll the (virtual) list until the file's row is drawn, click it. No quick
// input is involved, so a webview taking focus (an image preview, the panel) cannot close it.
import { Locator, Page } from 'playwright-core';
import { ScenarioFailure, poll, waitForActiveEditor } from './workbench';

const LIST = '.explorer-folders-view .monaco-list';
/** The explorer's tree rows, without the sticky-scroll copies of folder rows at its top. */
const ROWS = `${LIST} .monaco-list-rows .monaco-list-row`;

/** A tree row by name and depth (1: top level of the workspace folder). */
function row(page: Page, name: string, level: number): Locator {
  return page.locator(`${ROWS}[aria-level="${level}"][aria-label="${name}"]`).first();
}

/** Collapse every folder with the explorer's title-bar action (hover shows it). */
export async function collapseExplorer(page: Page): Promise<void> {
  const header = page.locator('.pane-header', { has: page.locator('h3.title', { hasText: /^workspace$/i }) }).first();
  await header.hover();
  await header.locator('.actions a.action-label[aria-label^="Collapse Folders"]').click();
  const collapsed = await poll(page, async () => (await page.locator(`${ROWS}[aria-expanded="true"]`).count()) === 0, 10_000);
  if (!collapsed) throw new ScenarioFailure('"Collapse Folders in Explorer" leaves folders expanded');
}

/** Scroll the explorer list (mouse wheel, as a person would) until `target` is drawn in view. */
async function scrollTo(page: Page, target: Locator, what: string): Promise<void> {
  const list = page.locator(LIST).first();
  const box = await list.boundingBox();
  if (!box) throw new ScenarioFailure('the explorer is not shown');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // Top first: the row may be above the part in view.
  await page.mouse.wheel(0, -100_000);
  // A redraw can lag a frame behind the wheel under load: only several unmoved frames in a row mean the end.
  let stuckFrames = 0;
  for (let step = 0; step < 400; step++) {
    if (await target.isVisible()) {
      const r = await target.boundingBox();
      if (r && r.y >= box.y && r.y + r.height <= box.y + box.height) return;
    }
    const before = await list.locator('.monaco-scrollable-element > .scrollbar.vertical .slider').boundingBox();
    await page.mouse.wheel(0, box.height / 2);
    // The list redraws on the next frame: wait for that, not for a fixed time.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const after = await list.locator('.monaco-scrollable-element > .scrollbar.vertical .slider').boundingBox();
    const stuck = before && after ? before.y === after.y : !before && !after; // no slider: nothing to scroll
    stuckFrames = stuck ? stuckFrames + 1 : 0;
    if (stuckFrames >= 10 && !(await target.isVisible())) break;
  }
  throw new ScenarioFailure(`the explorer has no row for ${what} (scrolled to the end)`);
}

/** Expand the folder row (if it is not) and wait until it is. */
async function expand(page: Page, folder: Locator, what: string): Promise<void> {
  if ((await folder.getAttribute('aria-expanded')) === 'true') return;
  await folder.click();
  const open = await poll(page, async () => (await folder.getAttribute('aria-expanded')) === 'true', 10_000);
  if (!open) throw new ScenarioFailure(`the explorer folder ${what} does not expand`);
}

/**
 * Open a workspace file (relative path) from the explorer; afterwards only the folders of its
 * path are expanded, and its row is selected.
 */
export async function openFromExplorer(page: Page, relativePath: string): Promise<void> {
  const parts = relativePath.split('/');
  await collapseExplorer(page);
  for (const [i, name] of parts.entries()) {
    const target = row(page, name, i + 1);
    const what = parts.slice(0, i + 1).join('/');
    await scrollTo(page, target, what);
    if (i < parts.length - 1) await expand(page, target, what);
    // A single click opens a preview and leaves focus in the explorer, and in the group that was
    // active: a webview there (the panel) stays the active editor. A double click opens the file
    // for editing and focuses it, so commands run next see it as the active editor.
    else await target.dblclick();
  }
  await waitForActiveEditor(page, parts[parts.length - 1]);
}

/** The file rows drawn now at a depth, each with its badge (file decoration, '' if none). */
export async function drawnFileBadges(page: Page, level: number): Promise<Array<{ name: string; badge: string }>> {
  return page.locator(`${ROWS}[aria-level="${level}"]:not([aria-expanded])`).evaluateAll((rows) =>
    rows.map((r) => {
      const label = r.querySelector('.monaco-icon-label');
      const content = label ? getComputedStyle(label, '::after').content : '';
      return { name: r.getAttribute('aria-label') ?? '', badge: content && content !== 'none' && content !== 'normal' ? content.replace(/^"|"$/g, '') : '' };
    }),
  );
}
