import { Frame, Page } from 'playwright-core';
import { CspMonitor } from '../security';
import { check, followProgress, panelFrame, panelSampleCount, poll } from '../workbench';

/** The audit of `name` just started: its progress finishes and the panel (watched for CSP violations) lists all `rows`. */
export async function auditedPanel(page: Page, csp: CspMonitor, name: string, rows: number): Promise<Frame> {
  const progress = await followProgress(page, `ForgetLens: auditing ${name}`, 20_000, 200_000);
  check(progress.finished, `the audit of ${name} finishes (${progress.messages.at(-1) ?? 'no progress notification'})`);
  const panel = await panelFrame(page, 30_000);
  await csp.watch(panel);
  const count = await poll(page, async () => {
    const c = await panelSampleCount(panel);
    return c.total === rows ? c : undefined;
  }, 15_000);
  check(count !== undefined, `the panel lists the ${rows} rows of ${name} (${(await panelSampleCount(panel)).text})`);
  return panel;
}

/**
 * The panel's two overview charts are drawn: a difficulty histogram with bars and a scatter with
 * one point per sample (the panel samples at most 4000), each with its title.
 */
export async function checkChartsDrawn(panel: Frame, rows: number): Promise<void> {
  const marks = async () =>
    panel.evaluate(() => ({
      bars: document.querySelectorAll('.overview svg g.mark-rect.role-mark > path').length,
      points: document.querySelectorAll('.overview svg g.mark-symbol.role-mark > path').length,
      titles: Array.from(document.querySelectorAll('.overview svg g.mark-text.role-title-text text')).map((t) => t.textContent ?? ''),
    }));
  const drawn = await poll(panel.page(), async () => {
    const m = await marks();
    return m.bars > 0 && m.points > 0 ? m : undefined;
  }, 30_000);
  const m = drawn ?? (await marks());
  check(m.bars >= 2, `the difficulty histogram has bars (${m.bars})`);
  const expectedPoints = rows <= 4000 ? rows : Math.ceil(rows / Math.ceil(rows / 4000));
  check(m.points === expectedPoints, `the scatter has a point per sample (${m.points}, expected ${expectedPoints})`);
  check(m.titles.some((t) => t.startsWith('Difficulty distribution')) && m.titles.some((t) => t.startsWith('Memorization vs near-duplicates')), `both charts have their titles (${m.titles.join(' | ')})`);
}
