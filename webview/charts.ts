import embed, { Result, VisualizationSpec } from 'vega-embed';
import type { ChartFormat, SampleDetail, SampleRow, ForgetMethod } from '../src/protocol/webview';
import { VERDICTS } from '../src/protocol/webview';
import { MEMORIZATION_NAMES, MemorizationScale } from '../src/protocol/memorizationScale';
import { clear, custom, el } from './dom';
import { classPalette, themeKindOf } from './palette';
import { ColorBy, vscode } from './state';
import { breakdownSubtitle } from './breakdownSubtitle';

/** vega-embed under a strict CSP: AST interpreter instead of eval, no injected styles. */
const EMBED_OPTIONS = { ast: true, actions: false, renderer: 'svg' as const, defaultStyle: false, tooltip: { disableDefaultStyle: true } };

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Chart colours come from the VS Code theme so light, dark and high-contrast stay readable. */
function themeConfig() {
  const fg = cssVar('--vscode-foreground', '#444');
  const grid = cssVar('--vscode-panel-border', '#ccc');
  return {
    background: 'transparent',
    axis: { labelColor: fg, titleColor: fg, gridColor: grid, domainColor: grid, tickColor: grid },
    legend: { labelColor: fg, titleColor: fg },
    title: { color: fg, subtitleColor: cssVar('--vscode-descriptionForeground', fg) },
    view: { stroke: null },
    mark: { color: cssVar('--vscode-charts-blue', '#3794ff') },
  };
}

const NOT_REQUESTED = 'not requested';

function verdictColors(): { domain: string[]; range: string[] } {
  return {
    domain: [...VERDICTS, NOT_REQUESTED],
    range: [cssVar('--vscode-charts-green', '#388a34'), cssVar('--vscode-charts-red', '#e51400'), cssVar('--vscode-charts-orange', '#d18616'), cssVar('--vscode-disabledForeground', '#888')],
  };
}

/** Views currently drawn, so a redraw finalizes the old one (vega keeps timers and listeners). */
const drawn = new WeakMap<HTMLElement, Result>();

/**
 * Draw a chart into `container` with "Export SVG" / "Export PNG" buttons under it. The export is
 * rendered here (vega's toSVG / toImageURL) and handed to the host, which asks where to save it.
 */
async function drawChart(container: HTMLElement, name: string, spec: VisualizationSpec): Promise<void> {
  drawn.get(container)?.finalize();
  drawn.delete(container);
  container.querySelectorAll('.chart-body').forEach((old) => observer.unobserve(old));
  clear(container);
  const target = el('div', { className: 'chart-body' });
  const exportSvg = custom('vscode-button', { secondary: '', 'aria-label': `Export the ${name} chart as SVG` }, 'Export SVG');
  const exportPng = custom('vscode-button', { secondary: '', 'aria-label': `Export the ${name} chart as PNG` }, 'Export PNG');
  container.append(target, el('div', { className: 'chart-actions' }, [exportSvg, exportPng]));
  // Charts fill their box (width "container") and follow it when the panel is resized.
  const autosize = { type: 'fit-x', contains: 'padding', resize: true };
  const result = await embed(target, { $schema: 'https://vega.github.io/schema/vega-lite/v6.json', config: themeConfig(), autosize, ...spec } as VisualizationSpec, EMBED_OPTIONS);
  drawn.set(container, result);
  followWidth(target);
  const send = (format: ChartFormat, data: string) => vscode.postMessage({ type: 'exportChart', format, name, data });
  exportSvg.addEventListener('click', () => void result.view.toSVG().then((svg) => send('svg', svg)));
  exportPng.addEventListener('click', () => {
    // Exported on the editor's background, so light-on-dark text stays readable outside the editor.
    const background = result.view.background();
    result.view.background(cssVar('--vscode-editor-background', '#ffffff'));
    void result.view
      .toImageURL('png', 2)
      .then((url) => send('png', url))
      .finally(() => result.view.background(background));
  });
}

/**
 * Vega sizes a width-"container" chart on window resize only; a chart drawn in a hidden tab (width
 * 0) or in a pane that changes width without the window doing so is told through that same event.
 */
const observer = new ResizeObserver((entries) => {
  if (entries.some((e) => Math.round(e.contentRect.width) !== widths.get(e.target))) {
    for (const e of entries) widths.set(e.target, Math.round(e.contentRect.width));
    window.dispatchEvent(new Event('resize'));
  }
});
const widths = new WeakMap<Element, number>();

function followWidth(target: HTMLElement): void {
  widths.set(target, Math.round(target.getBoundingClientRect().width));
  observer.observe(target);
}

export function drawDifficulty(container: HTMLElement, rows: SampleRow[]): Promise<void> {
  return drawChart(container, 'difficulty-distribution', {
    title: 'Difficulty distribution',
    data: { values: rows.map((r) => ({ difficulty: r.difficulty })) },
    mark: 'bar',
    width: 'container',
    height: 150,
    encoding: {
      x: { field: 'difficulty', bin: { maxbins: 20 }, title: 'difficulty' },
      y: { aggregate: 'count', title: 'samples' },
    },
  } as VisualizationSpec);
}

/** At most this many points in the scatter: enough to see the shape, light enough for 60k rows. */
const MAX_POINTS = 4000;

export function drawMemorization(container: HTMLElement, rows: SampleRow[], colorBy: ColorBy, scale: MemorizationScale = 'model'): Promise<void> {
  const step = Math.max(1, Math.ceil(rows.length / MAX_POINTS));
  // Requested samples are always drawn, and last (on top), whatever the sampling.
  const sampled = rows.filter((r, i) => i % step === 0 && !r.verdict);
  const points = [...sampled, ...rows.filter((r) => r.verdict)].map((r) => ({
    id: r.id,
    label: r.label,
    verdict: r.verdict ?? NOT_REQUESTED,
    difficulty: r.difficulty,
    memorization: r.memorization ?? 0,
    similar: r.similarCount,
  }));
  const color =
    colorBy === 'verdict'
      ? { field: 'verdict', type: 'nominal', title: 'verdict', scale: verdictColors() }
      : { field: 'label', type: 'nominal', title: 'class', scale: { range: [...classPalette(themeKindOf(document.body.classList))] } };
  return drawChart(container, `memorization-vs-near-duplicates-by-${colorBy}`, {
    title: `${scale === 'head' ? 'Head memorization' : 'Memorization'} vs near-duplicates${step > 1 ? ` (1 in ${step})` : ''}`,
    data: { values: points },
    // Full opacity with a thin outline in the editor background: overlapping points stay apart.
    mark: { type: 'point', filled: true, opacity: 1, size: 36, stroke: cssVar('--vscode-editor-background', '#ffffff'), strokeWidth: 0.6 },
    width: 'container',
    height: 150,
    encoding: {
      x: { field: 'memorization', type: 'quantitative', title: MEMORIZATION_NAMES[scale] },
      y: { field: 'similar', type: 'quantitative', title: 'near-duplicates', axis: { format: 'd', tickMinStep: 1 } },
      color: { ...color, legend: { orient: 'bottom', direction: 'horizontal', columns: 5, symbolStrokeWidth: 0 } },
      tooltip: [{ field: 'id' }, { field: 'label' }, { field: 'verdict' }, { field: 'difficulty', format: '.2f' }],
    },
  } as VisualizationSpec);
}

export function drawBreakdown(container: HTMLElement, detail: SampleDetail): Promise<void> {
  const predictions = detail.predictions
    ? [
        { factor: 'unlearning risk (calibrated)', value: detail.predictions.residualRisk, kind: 'prediction' },
        { factor: 'persistence (calibrated)', value: detail.predictions.persistence, kind: 'prediction' },
      ]
    : [];
  const values = [...predictions, ...Object.entries(detail.contributions).map(([factor, value]) => ({ factor, value, kind: 'factor pressure' }))];
  return drawChart(container, 'factor-breakdown', {
    title: {
      text: 'What drives its difficulty',
      subtitle: breakdownSubtitle(detail.predictions),
    },
    data: { values },
    mark: 'bar',
    width: 'container',
    height: 120 + predictions.length * 20,
    encoding: {
      y: { field: 'factor', type: 'nominal', sort: null, title: null },
      x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
      color: { field: 'kind', type: 'nominal', title: null, legend: predictions.length ? { orient: 'bottom' } : null },
    },
  } as VisualizationSpec);
}

/** ToW per method (1 = as good as retraining), with MIA and time in the tooltip. */
export function drawMethods(container: HTMLElement, methods: ForgetMethod[]): Promise<void> {
  return drawChart(container, 'method-comparison', {
    title: { text: 'Method comparison: ToW', subtitle: '1 = as good as retraining' },
    data: { values: methods.map((m) => ({ ...m, mia: m.mia ?? undefined })) },
    mark: 'bar',
    width: 'container',
    height: Math.max(80, methods.length * 18),
    encoding: {
      y: { field: 'name', type: 'nominal', sort: '-x', title: null },
      x: { field: 'tow', type: 'quantitative', scale: { domain: [0, 1] }, title: 'ToW' },
      tooltip: [{ field: 'name' }, { field: 'tow', format: '.3f', title: 'ToW' }, { field: 'mia', format: '.3f', title: 'MIA' }, { field: 'relativeTime', format: '.2f', title: '× retrain time' }],
    },
  } as VisualizationSpec);
}
