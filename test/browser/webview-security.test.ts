import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import { PNG } from 'pngjs';
import { chromium } from 'playwright-core';
import { CHROMIUM, FAKE_VSCODE_API, posted, send, serve, waitForPost, waitUntil } from './panelPage';
import { readIdx } from '../../src/core/data/idx';
import { decodeChartExport } from '../../src/extension/logic/chartExport';
import type { HostToWebview, SampleRow, WebviewToHost } from '../../src/protocol/webview';

// The panel shows dataset content, which is untrusted. Load the built panel under its real CSP
// in Chromium, feed it hostile cells, file names and labels, and check that nothing runs, nothing
// is blocked, thumbnails load only from the dataset folder, and keyboard, filters, tabs and chart
// export work.
const ROOT = path.join(__dirname, '..', '..');
const FASHION = '/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz';
const ARTIFACTS = path.join(ROOT, 'artifacts', 'browser');
const HOSTILE = ['<script>window.__pwned = "script"</script>', '<img src=x onerror="window.__pwned = \'img\'">', 'javascript:window.__pwned="link"', '"><svg onload="window.__pwned=1">'];
const VERDICTS = ['hard', 'forgettable', 'ineffective-alone'] as const;
const IMAGE_ROWS = 120;

/** Real Fashion-MNIST images as PNG files, under hostile names (the "dataset folder" the server serves). */
function fashionImages(count: number): Map<string, Buffer> {
  const samples = readIdx(FASHION, { limit: count });
  const images = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const png = new PNG({ width: 28, height: 28 });
    for (let p = 0; p < 28 * 28; p++) {
      const v = Math.round(samples.pixels[i * 28 * 28 + p] * 255);
      png.data.set([v, v, v, 255], p * 4);
    }
    images.set(imageName(i), PNG.sync.write(png));
  }
  return images;
}

function imageName(i: number): string {
  return `${HOSTILE[i % HOSTILE.length].replace(/\//g, '∕')} ${i}/#?%${i}.png`;
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
    file: `/data/${imageName(i)}`,
    ...(i < IMAGE_ROWS ? { image: imageName(i) } : {}),
    ...(i % 7 === 0 ? { verdict: VERDICTS[(i / 7) % 3] } : {}),
  }));
}

test('hostile dataset cells in the results panel run nothing and trigger no CSP violation; thumbnails, keyboard, filters, tabs and chart export work', async () => {
  assert.ok(fs.existsSync(CHROMIUM), 'Chromium is missing: run scripts/setup-system.sh');
  assert.ok(fs.existsSync(path.join(ROOT, 'dist', 'webview.js')), 'build first: npm run build');
  const images = fashionImages(IMAGE_ROWS);
  const server = await serve('testnonce123', images);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    // Tall enough that every lazily loaded thumbnail of the page is near the viewport and loads.
    const page = await browser.newPage({ viewport: { width: 1400, height: 4000 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addInitScript(FAKE_VSCODE_API);
    const port = (server.address() as AddressInfo).port;
    const base = `http://127.0.0.1:${port}`;
    await page.goto(`${base}/panel.html`);
    await waitUntil(page, '(window.__posted || []).some((m) => m.type === "ready")');

    const rows = hostileRows(250);
    const requested = rows.filter((r) => r.verdict);
    const messages: HostToWebview[] = [
      {
        type: 'meta',
        meta: {
          datasetPath: HOSTILE[0], rows: rows.length, features: 4, classes: HOSTILE.map((h) => h.slice(0, 30)), mode: 'fast', backend: 'wasm',
          trainAccuracy: 1, testAccuracy: 0.9, summary: { hard: 3, withSimilarSamples: 2, memorized: 1, meanDifficulty: 0.4 }, stale: false, createdAt: '2026-01-01T00:00:00Z',
          thumbnailRoot: `${base}/images`, notices: [HOSTILE[3]],
        },
      },
      { type: 'rows', rows: rows.slice(0, 200), done: false },
      { type: 'rows', rows: rows.slice(200), done: true },
      {
        type: 'forget',
        forget: {
          text: HOSTILE.join(' '),
          methods: [{ name: HOSTILE[1], tow: 0.9, towMia: 0.8, mia: 0.5, relativeTime: 0.1, forgetAcc: 0.7 }, { name: 'salun', tow: 0.95, towMia: null, mia: null, relativeTime: 0.2, forgetAcc: null }],
          verdicts: requested.map((r, k) => ({
            id: r.id,
            verdict: k === 0 ? (HOSTILE[1] as never) : r.verdict!,
            evidence: HOSTILE[k % HOSTILE.length],
            ...(k === 1 ? { carriers: [{ id: HOSTILE[2], why: HOSTILE[0] }], nearDuplicates: [HOSTILE[3], 'row9'], labelConflicts: [{ id: HOSTILE[3], text: `${HOSTILE[3]} (cosine 0.990): a near-copy labelled ${HOSTILE[1]}: a label conflict, not a carrier` }] } : {}),
          })),
          carrierCost: HOSTILE[1],
          counts: { forgettable: 1, hard: 2, 'ineffective-alone': 3 },
          alsoConsiderDeleting: [HOSTILE[2], 'row9'],
          rum: { rum: { name: 'rum', tow: 0.97, towMia: 0.9, mia: 0.5, relativeTime: 0.3, forgetAcc: 0.8 }, control: { name: 'rum-control', tow: 0.93, towMia: 0.9, mia: 0.5, relativeTime: 0.3, forgetAcc: 0.8 }, recipe: [HOSTILE[0], 'finetune', 'salun'] },
          htmlReport: null,
        },
      },
    ];
    for (const message of messages) await send(page, message);
    await page.waitForSelector('.overview svg');

    // Mouse: a click selects and reveals; the host answers with the detail.
    await page.locator('table.samples tbody tr[data-id]').first().click();
    assert.deepEqual(await waitForPost(page, '(m) => m.type === "reveal"'), { type: 'reveal', id: rows[0].id });
    await send(page, {
      type: 'detail',
      detail: { id: rows[0].id, label: 'x', difficulty: 0.9, reasons: ['<b onmouseover=alert(1)>bold</b>'], contributions: { memorization: 0.8, similarSamples: 0.2 }, factors: {}, similar: [{ id: '<img src=y onerror="window.__pwned=2">', similarity: 0.99 }], labelConflicts: [{ id: HOSTILE[0], label: HOSTILE[1], text: `${HOSTILE[0]} (cosine 0.990): a near-copy labelled ${HOSTILE[1]}: a label conflict, not a carrier` }] },
    });
    await page.waitForSelector('.detail svg');
    await page.waitForSelector('.detail img.thumbnail.large');
    assert.equal(await page.textContent('.detail .label-conflicts li a'), HOSTILE[0], 'a label conflict links to the near-copy, its id as text');
    assert.equal(await page.textContent('.detail .label-conflicts li'), `${HOSTILE[0]} (cosine 0.990): a near-copy labelled ${HOSTILE[1]}: a label conflict, not a carrier`);
    await waitUntil(page, 'Array.from(document.images).every((i) => i.complete)');
    await page.mouse.move(200, 300);
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-samples.png'), fullPage: true });

    const result = (await page.evaluate(`({
      pwned: window.__pwned,
      violations: window.__violations,
      rows: document.querySelectorAll('table.samples tbody tr[data-id]').length,
      text: document.body.textContent || '',
      images: Array.from(document.images).map((i) => ({ cls: i.className, src: i.src, width: i.naturalWidth })),
      notice: document.querySelector('.notice')?.textContent,
    })`)) as { pwned: unknown; violations: string[]; rows: number; text: string; images: Array<{ cls: string; src: string; width: number }>; notice: string };
    assert.equal(result.pwned, undefined, 'a payload ran');
    assert.deepEqual(result.violations, [], 'the panel triggered CSP violations');
    assert.ok(result.rows > 0 && result.rows < rows.length, `only the rows in view are drawn (${result.rows} of ${rows.length})`);
    assert.ok(result.text.includes('<script>window.__pwned = "script"</script>'), 'hostile text is shown as text');
    assert.ok(result.text.includes('250 of 250 samples'));
    assert.equal(result.notice, HOSTILE[3], 'notices are shown, as text');
    // Every image is a thumbnail from the dataset folder (one per drawn row, 1 in the detail), and each loaded.
    assert.equal(result.images.length, result.rows + 1);
    for (const image of result.images) {
      assert.match(image.cls, /^thumbnail (small|large)$/);
      assert.ok(image.src.startsWith(`${base}/images/`), image.src);
      assert.equal(image.width, 28, `thumbnail did not load: ${image.src}`);
    }
    assert.deepEqual(errors, []);

    // The grid places rows by one row height: rows without an image (from row 120 on) are as high as rows with one.
    await page.evaluate(`document.querySelector('.table-scroll').scrollTop = 100 * document.querySelector('tbody tr[data-id]').getBoundingClientRect().height`);
    await waitUntil(page, `!!document.querySelector('tr[data-id="${rows[IMAGE_ROWS + 5].id}"]') && !!document.querySelector('tr[data-id="${rows[IMAGE_ROWS - 5].id}"]')`);
    const heights = (await page.$$eval('table.samples tbody tr[data-id]', (trs) => trs.map((tr) => Math.round(tr.getBoundingClientRect().height * 10) / 10))) as number[];
    assert.equal(new Set(heights).size, 1, `rows of different heights: ${[...new Set(heights)].join(', ')} px`);
    await page.evaluate(`document.querySelector('.table-scroll').scrollTop = 0`);
    await waitUntil(page, `!!document.querySelector('tr[data-id="row5"]')`);

    // Keyboard: arrows move between rows, Enter selects and reveals, Space selects only.
    await page.locator('table.samples tbody tr[data-id]').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', id: rows[2].id });
    assert.equal(await page.evaluate('document.activeElement.getAttribute("data-id")'), rows[2].id, 'focus stays on the selected row');
    await page.keyboard.press('End');
    await waitUntil(page, `document.activeElement?.getAttribute('data-id') === ${JSON.stringify(rows[rows.length - 1].id)}`);
    await page.keyboard.press(' ');
    assert.deepEqual((await posted(page)).at(-1), { type: 'detail', id: rows[rows.length - 1].id }, 'End reaches the last of all rows');
    await page.keyboard.press('Home');
    // Under load the grid redraws after the key: PageDown must start from the first row, not the last.
    await waitUntil(page, `document.activeElement?.getAttribute('data-id') === ${JSON.stringify(rows[0].id)}`);
    await page.keyboard.press('PageDown');
    const focused = await page.evaluate('document.activeElement.getAttribute("data-id")');
    const paged = rows.findIndex((r) => r.id === focused);
    assert.ok(paged > 1 && paged < rows.length - 1, `PageDown moves a screenful (to row ${paged})`);

    // Verdict filter: one verdict, then the whole forget set.
    const setSelect = (label: string, value: string) =>
      page.evaluate(`(() => { const s = document.querySelector('[aria-label="${label}"]'); s.value = ${JSON.stringify(value)}; s.dispatchEvent(new Event('change')); })()`);
    await setSelect('Filter by forget-set verdict', 'hard');
    const hardIds = await page.$$eval('table.samples tbody tr[data-id]', (trs) => trs.map((tr) => tr.getAttribute('data-id')));
    assert.deepEqual(hardIds, rows.filter((r) => r.verdict === 'hard').map((r) => r.id));
    await setSelect('Filter by forget-set verdict', 'requested');
    assert.equal(await page.locator('table.samples tbody tr[data-id]').count(), requested.length);
    await setSelect('Colour the scatter by', 'verdict');
    await waitUntil(page, 'document.querySelectorAll(".overview svg").length >= 2');

    // Forget-set tab: verdicts (hostile verdict text stays text), a click on an id selects it in the samples tab.
    await page.click('#tab-forget');
    assert.equal(await page.locator('.forget .verdicts > li').count(), requested.length);
    assert.equal(await page.locator('.forget .verdicts .carriers li').count(), 1, 'a confirmed carrier is listed under its sample');
    assert.ok(((await page.textContent('.forget .verdicts .carriers')) ?? '').includes(HOSTILE[0]), 'with its evidence, as text');
    assert.equal(await page.locator('.forget .verdicts .near-duplicates a').count(), 2, 'near-duplicates are listed, as links');
    assert.equal(await page.textContent('.forget .verdicts .label-conflicts li'), `label conflict ${HOSTILE[3]} (cosine 0.990): a near-copy labelled ${HOSTILE[1]}: a label conflict, not a carrier`, 'label conflicts are listed under their sample, as text');
    assert.equal(await page.textContent('.forget .carrier-cost'), HOSTILE[1]);
    assert.ok(((await page.textContent('.forget .verdicts')) ?? '').includes(HOSTILE[1]));
    assert.match((await page.textContent('.forget .rum')) ?? '', /0\.970 vs control \(random tiers\) 0\.930: \+0\.040/);
    assert.equal(await page.locator('.forget .also-delete li').count(), 2);
    await page.waitForSelector('.forget svg');
    await page.screenshot({ path: path.join(ARTIFACTS, 'panel-forget.png'), fullPage: true });
    await page.locator('.forget .verdicts > li > a').nth(2).click();
    assert.deepEqual((await posted(page)).at(-1), { type: 'reveal', id: requested[2].id });
    assert.equal(await page.isVisible('table.samples'), true, 'back on the samples tab');
    assert.equal(await page.getAttribute('table.samples tr.selected', 'data-id'), requested[2].id);

    // Chart export: the webview renders SVG and PNG; the host's decoder accepts them.
    await page.locator('.overview vscode-button', { hasText: 'Export SVG' }).first().click();
    const svg = (await waitForPost(page, '(m) => m.type === "exportChart" && m.format === "svg"')) as Extract<WebviewToHost, { type: 'exportChart' }>;
    assert.equal(svg.name, 'difficulty-distribution');
    assert.match(decodeChartExport('svg', svg.data).toString('utf8'), /<svg[\s\S]*Difficulty distribution/);
    await page.locator('.overview vscode-button', { hasText: 'Export PNG' }).first().click();
    const png = (await waitForPost(page, '(m) => m.type === "exportChart" && m.format === "png"')) as Extract<WebviewToHost, { type: 'exportChart' }>;
    const decoded = PNG.sync.read(decodeChartExport('png', png.data));
    assert.ok(decoded.width > 200 && decoded.height > 100, `PNG is ${decoded.width}x${decoded.height}`);

    const after = (await page.evaluate('({ pwned: window.__pwned, violations: window.__violations })')) as { pwned: unknown; violations: string[] };
    assert.equal(after.pwned, undefined, 'a payload ran');
    assert.deepEqual(after.violations, []);
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    server.close();
  }
});
