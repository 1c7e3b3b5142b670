import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import { el } from './dom';

/** Rows drawn beyond each edge of the viewport, so a fast scroll rarely shows a blank band. */
const OVERSCAN = 12;
/** The height assumed until the first drawn row is measured (rows are one line, all the same height). */
const ESTIMATED_ROW_HEIGHT = 25;

export interface VirtualRows {
  /** Scroll as little as needed (or centre the row) so row `index` is on screen; focus it once drawn. */
  reveal(index: number, options: { focus: boolean; center?: boolean }): void;
  /** The drawn row element for `index`, if it is in the window. */
  rowAt(index: number): HTMLTableRowElement | undefined;
  /** How many rows fit in the scroll area below the header (for PageUp / PageDown). */
  pageRows(): number;
  destroy(): void;
}

/**
 * Only the rows in (and near) the viewport of `scroll` exist in `body`; two empty spacer rows
 * stand for the rest, so the scroll bar spans all `count` rows. Rows keep their elements while
 * they stay in the window, so a scroll step creates only the rows that came into view.
 */
export function virtualRows(scroll: HTMLElement, body: HTMLTableSectionElement, header: HTMLElement, count: number, createRow: (index: number) => HTMLTableRowElement): VirtualRows {
  const before = el('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } });
  const after = el('tr', { className: 'spacer', attrs: { 'aria-hidden': 'true' } });
  body.append(before, after);
  let drawn = new Map<number, HTMLTableRowElement>();
  let rowHeight = ESTIMATED_ROW_HEIGHT;
  let headerHeight = 0;
  let calibrated = false;
  let pendingFocus: number | undefined;
  /** A reveal asked for before the grid had a size (a hidden tab): done again once it is measured. */
  let revealBeforeLayout: { index: number; options: { focus: boolean; center?: boolean } } | undefined;

  const options = () => ({
    count,
    getScrollElement: () => scroll,
    estimateSize: () => rowHeight,
    overscan: OVERSCAN,
    // The sticky header covers the top of the scroll area: rows start below it, and a revealed row must not hide under it.
    paddingStart: headerHeight,
    scrollPaddingStart: headerHeight,
    initialRect: { width: scroll.clientWidth, height: scroll.clientHeight },
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    onChange: () => draw(),
  });
  const virtualizer = new Virtualizer<HTMLElement, HTMLTableRowElement>(options());
  const unmount = virtualizer._didMount();
  virtualizer._willUpdate();

  function draw(): void {
    const items = virtualizer.getVirtualItems();
    const next = new Map<number, HTMLTableRowElement>();
    for (const item of items) next.set(item.index, drawn.get(item.index) ?? createRow(item.index));
    let focusLost = false;
    for (const [index, tr] of drawn) {
      if (next.has(index)) continue;
      focusLost ||= tr.contains(document.activeElement);
      tr.remove();
    }
    let cursor: ChildNode | null = before.nextSibling;
    for (const tr of next.values()) {
      if (tr === cursor) cursor = cursor.nextSibling;
      else body.insertBefore(tr, cursor);
    }
    drawn = next;
    const first = items[0];
    const last = items[items.length - 1];
    // From indexes, not the virtualizer's offsets: those shift while it holds a scroll correction,
    // which shortens the grid under a scroll to its end and stops it short of the last row.
    before.style.height = `${first ? first.index * rowHeight : 0}px`;
    after.style.height = `${last ? (count - 1 - last.index) * rowHeight : 0}px`;
    // Removing the focused row dropped keyboard focus to the page: keep it in the grid. Only now,
    // as focus() lays out, and a layout of the half-updated rows would clamp the scroll position.
    if (focusLost) scroll.focus({ preventScroll: true });
    if (!calibrated && calibrate()) {
      const again = revealBeforeLayout;
      revealBeforeLayout = undefined;
      return again ? api.reveal(again.index, again.options) : draw();
    }
    if (pendingFocus !== undefined && drawn.has(pendingFocus)) {
      drawn.get(pendingFocus)!.focus({ preventScroll: true });
      pendingFocus = undefined;
    }
  }

  /**
   * Measure once, when the grid is first laid out (a hidden tab has no size): every row is one
   * line high (CSS), so the first row's height is every row's. True when the layout changed.
   */
  function calibrate(): boolean {
    const firstRow = drawn.values().next().value as HTMLTableRowElement | undefined;
    const height = firstRow?.getBoundingClientRect().height ?? 0;
    if (height <= 0) return false;
    calibrated = true;
    rowHeight = height;
    headerHeight = header.getBoundingClientRect().height;
    virtualizer.setOptions(options());
    virtualizer.measure();
    return true;
  }

  const api: VirtualRows = {
    reveal(index, { focus, center }) {
      if (index < 0 || index >= count) return;
      if (!calibrated) revealBeforeLayout = { index, options: { focus, center } };
      pendingFocus = focus ? index : undefined;
      // Rows are all one height, so the row's place is known without drawing it.
      const top = headerHeight + index * rowHeight;
      const view = scroll.clientHeight - headerHeight;
      const scrollTop = scroll.scrollTop;
      let target = scrollTop;
      if (center) target = top - headerHeight - (view - rowHeight) / 2;
      else if (top < scrollTop + headerHeight) target = top - headerHeight;
      else if (top + rowHeight > scrollTop + scroll.clientHeight) target = top + rowHeight - scroll.clientHeight;
      if (Math.round(target) !== Math.round(scrollTop)) scroll.scrollTop = Math.max(0, target);
      draw();
    },
    rowAt: (index) => drawn.get(index),
    pageRows: () => Math.max(1, Math.floor((scroll.clientHeight - virtualizer.options.paddingStart) / rowHeight) - 1),
    destroy() {
      unmount();
    },
  };
  draw();
  return api;
}
