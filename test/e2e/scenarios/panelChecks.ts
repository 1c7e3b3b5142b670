import { Frame } from 'playwright-core';
import { check, poll } from '../workbench';

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
