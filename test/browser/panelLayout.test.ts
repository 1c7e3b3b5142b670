import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Page, chromium } from 'playwright-core';
import type { SampleRow } from '../../src/protocol/webview';
import { CHROMIUM, FAKE_VSCODE_API, send, serve, waitForPost, waitUntil } from './panelPage';

const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts', 'browser');
const DATASET = '/home/someone/projects/a-rather-long-folder-name/datasets/handwritten-digits-with-labels.csv';

function digitRows(count: number): SampleRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `d${i}`, rank: i + 1, label: String(i % 10), split: 'train' as const, difficulty: 1 - i / count,
    reason: 'memorized (0.91): the model gets it right mainly because it trained on it',
    memorization: 0.9 - i / count, confidence: 0.5, similarCount: i % 3, entanglement: 0.2, labelDisagreement: 0.1,
    preview: '0,0,5,13,9,1,0,0', file: DATASET, line: i + 2,
  }));
}

/** Everything the user needs fits the panel's width: no part of the page runs past the right edge. */
async function overflowing(page: Page): Promise<string[]> {
  return (await page.evaluate(`(() => {
    const width = document.documentElement.clientWidth;
    const out = [];
    if (document.documentElement.scrollWidth > width) out.push('page scrolls sideways: ' + document.documentElement.scrollWidth + ' > ' + width);
    for (const sel of ['header h1', '.filters', '.table-scroll', '.overview svg', '.detail', '.table-status']) {
      for (const node of document.querySelectorAll(sel)) {
        const r = node.getBoundingClientRect();
        if (r.width > 0 && r.right > width + 1) out.push(sel + ' ends at ' + Math.round(r.right) + ' > ' + width);
      }
    }
    return out;
  })()`)) as string[];
}

async function openPanel(width: number): Promise<{ page: Page; close: () => Promise<void> }> {
  const server = await serve('layoutnonce', new Map());
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  await page.addInitScript(FAKE_VSCODE_API);
  const port = (server.address() as { port: number }).port;
  await page.goto(`http://127.0.0.1:${port}/panel.html`);
  await waitUntil(page, '(window.__posted || []).some((m) => m.type === "ready")');
  const rows = digitRows(300);
  await send(page, {
    type: 'meta',
    meta: {
      datasetPath: DATASET, rows: rows.length, features: 64, classes: Array.from({ length: 10 }, (_, k) => String(k)), mode: 'fast', backend: 'wasm',
      trainAccuracy: 1, testAccuracy: 0.97, summary: { hard: 71, withSimilarSamples: 0, memorized: 58, meanDifficulty: 0.1 }, stale: false, createdAt: '2026-01-01T00:00:00Z', thumbnailRoot: null, notices: [],
    },
  });
  await send(page, { type: 'rows', rows, done: true });
  await waitUntil(page, 'document.querySelectorAll(".overview svg.marks").length === 2 && Array.from(document.querySelectorAll(".overview svg.marks")).every((s) => s.getBoundingClientRect().width > 100)');
  return {
    page,
    close: async () => {
      await browser.close();
      server.close();
    },
  };
}

for (const width of [500, 625]) {
  test(`at ${width} px the panel fits its width and a clicked row's detail is on screen`, async () => {
    assert.ok(fs.existsSync(CHROMIUM), 'Chromium is missing: run scripts/setup-system.sh');
    const { page, close } = await openPanel(width);
    try {
      assert.deepEqual(await overflowing(page), []);
      // A row far down the grid: its detail must show where the user is looking.
      await page.evaluate(`document.querySelector('.table-scroll').scrollTop = 55 * document.querySelector('tbody tr[data-id]').getBoundingClientRect().height`);
      await waitUntil(page, '!!document.querySelector(\'tr[data-id="d60"]\')');
      const row = page.locator('table.samples tbody tr[data-id="d60"]');
      await row.scrollIntoViewIfNeeded();
      await row.click();
      assert.deepEqual(await waitForPost(page, '(m) => m.type === "detail"'), { type: 'detail', id: 'd60' });
      await send(page, { type: 'detail', detail: { id: 'd60', label: '0', difficulty: 0.8, reasons: ['memorized (0.91): the model gets it right mainly because it trained on it'], contributions: { memorization: 0.77, similarSamples: 0.2 }, factors: {}, similar: [] } });
      await page.waitForSelector('.detail svg.marks');
      await waitUntil(page, 'document.querySelector(".detail svg.marks").getBoundingClientRect().width > 100');
      const shown = (await page.evaluate(`(() => { const r = document.querySelector('.detail h2').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; })()`)) as boolean;
      assert.equal(shown, true, "the selected sample's detail heading is inside the viewport");
      assert.equal(await row.isVisible(), true);
      assert.deepEqual(await overflowing(page), []);
      fs.mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTIFACTS, `panel-${width}px.png`) });
    } finally {
      await close();
    }
  });
}

test('wide: the detail sits beside the table', async () => {
  const { page, close } = await openPanel(1300);
  try {
    assert.deepEqual(await overflowing(page), []);
    const [table, detail] = (await page.evaluate(`[document.querySelector('.table-host').getBoundingClientRect().right, document.querySelector('.detail-host').getBoundingClientRect().left]`)) as number[];
    assert.ok(detail >= table, `detail starts at ${detail}, the table ends at ${table}`);
  } finally {
    await close();
  }
});
