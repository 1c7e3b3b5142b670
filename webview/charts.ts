import embed from 'vega-embed';
import type { SampleDetail, SampleRow } from '../src/protocol/webview';

/** vega-embed under a strict CSP: AST interpreter instead of eval, no injected styles. */
const EMBED_OPTIONS = { ast: true, actions: false, renderer: 'svg' as const, defaultStyle: false, tooltip: { disableDefaultStyle: true } };

/** Chart colours come from the VS Code theme so light, dark and high-contrast stay readable. */
function themeConfig() {
  const css = getComputedStyle(document.body);
  const fg = css.getPropertyValue('--vscode-foreground').trim() || '#444';
  const grid = css.getPropertyValue('--vscode-panel-border').trim() || '#ccc';
  return {
    background: 'transparent',
    axis: { labelColor: fg, titleColor: fg, gridColor: grid, domainColor: grid, tickColor: grid },
    legend: { labelColor: fg, titleColor: fg },
    title: { color: fg },
    view: { stroke: null },
  };
}

/** At most this many points in the scatter: enough to see the shape, light enough for 60k rows. */
const MAX_POINTS = 4000;

export async function drawOverview(container: HTMLElement, rows: SampleRow[]): Promise<void> {
  const step = Math.max(1, Math.ceil(rows.length / MAX_POINTS));
  const points = rows.filter((_, i) => i % step === 0).map((r) => ({ id: r.id, label: r.label, difficulty: r.difficulty, memorization: r.memorization ?? 0, similar: r.similarCount }));
  await embed(
    container,
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: themeConfig(),
      hconcat: [
        {
          title: 'Difficulty distribution',
          data: { values: rows.map((r) => ({ difficulty: r.difficulty })) },
          mark: 'bar',
          width: 220,
          height: 150,
          encoding: {
            x: { field: 'difficulty', bin: { maxbins: 20 }, title: 'difficulty' },
            y: { aggregate: 'count', title: 'samples' },
          },
        },
        {
          title: `Memorization vs near-duplicates${step > 1 ? ` (1 in ${step})` : ''}`,
          data: { values: points },
          mark: { type: 'point', filled: true, opacity: 0.6 },
          width: 220,
          height: 150,
          encoding: {
            x: { field: 'memorization', type: 'quantitative', title: 'memorization' },
            y: { field: 'similar', type: 'quantitative', title: 'near-duplicates', axis: { format: 'd', tickMinStep: 1 } },
            color: { field: 'label', type: 'nominal', title: 'class' },
            tooltip: [{ field: 'id' }, { field: 'label' }, { field: 'difficulty', format: '.2f' }],
          },
        },
      ],
    },
    EMBED_OPTIONS,
  );
}

export async function drawBreakdown(container: HTMLElement, detail: SampleDetail): Promise<void> {
  const values = Object.entries(detail.contributions).map(([factor, value]) => ({ factor, value }));
  await embed(
    container,
    {
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      config: themeConfig(),
      title: 'What drives its difficulty (weighted pressure per factor)',
      data: { values },
      mark: 'bar',
      width: 300,
      height: 120,
      encoding: {
        y: { field: 'factor', type: 'nominal', sort: '-x', title: null },
        x: { field: 'value', type: 'quantitative', scale: { domain: [0, 1] }, title: null },
      },
    },
    EMBED_OPTIONS,
  );
}
