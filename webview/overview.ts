import { drawDifficulty, drawMemorization } from './charts';
import { summarizeClasses } from './classSummary';
import { clear, custom, el } from './dom';
import { ColorBy, data, persisted, save } from './state';

/**
 * Dataset overview: difficulty distribution, memorization vs near-duplicates coloured by class or
 * forget-set verdict, and one line per class (a class's row filters the table to it).
 */
export function drawOverview(section: HTMLElement, filterClass: (label: string) => void): void {
  clear(section);
  const meta = data.meta!;
  if (!data.rowsDone) {
    section.appendChild(el('p', { className: 'muted', text: `Loading samples… ${data.rows.length} of ${meta.rows}` }));
    return;
  }
  const hasVerdicts = data.rows.some((r) => r.verdict);
  const colorBy: ColorBy = hasVerdicts ? persisted.colorBy : 'class';
  const histogram = el('div', { className: 'chart' });
  const scatter = el('div', { className: 'chart' });
  const colorSelect = custom('vscode-single-select', { 'aria-label': 'Colour the scatter by' }) as HTMLElement & { value: string };
  colorSelect.appendChild(custom('vscode-option', { value: 'class' }, 'colour by class'));
  colorSelect.appendChild(custom('vscode-option', { value: 'verdict' }, hasVerdicts ? 'colour by forget-set verdict' : 'colour by verdict (no forget-set audit yet)'));
  colorSelect.value = colorBy;
  if (!hasVerdicts) colorSelect.setAttribute('disabled', '');
  colorSelect.addEventListener('change', () => {
    persisted.colorBy = colorSelect.value === 'verdict' ? 'verdict' : 'class';
    save();
    void drawMemorization(scatter, data.rows, persisted.colorBy, data.meta?.memorizationScale);
  });
  section.append(el('div', { className: 'charts' }, [histogram, el('div', {}, [colorSelect, scatter])]), classTable(filterClass));
  void drawDifficulty(histogram, data.rows);
  void drawMemorization(scatter, data.rows, colorBy, data.meta?.memorizationScale);
}

function classTable(filterClass: (label: string) => void): HTMLElement {
  const headers = ['class', 'samples', 'hard (≥ 0.5)', data.meta!.memorizationScale === 'head' ? 'head-memorized' : 'memorized', 'with near-dups', 'mean difficulty', 'in forget set'];
  const table = el('table', { className: 'classes', attrs: { 'aria-label': 'Per-class summary (Enter filters the table to a class)' } }, [
    el('thead', {}, [el('tr', {}, headers.map((h) => el('th', { text: h, attrs: { scope: 'col' } })))]),
  ]);
  const body = el('tbody');
  for (const s of summarizeClasses(data.rows, data.meta!.classes)) {
    const tr = el('tr', { attrs: { tabindex: '0', title: `Show only class ${s.label} in the table` } }, [
      el('td', { text: s.label }),
      ...[s.samples, s.hard, s.memorized, s.withSimilar].map((n) => el('td', { text: String(n) })),
      el('td', { text: s.meanDifficulty.toFixed(2) }),
      el('td', { text: String(s.requested) }),
    ]);
    tr.addEventListener('click', () => filterClass(s.label));
    tr.addEventListener('keydown', (e) => e.key === 'Enter' && filterClass(s.label));
    body.appendChild(tr);
  }
  table.appendChild(body);
  return el('details', { className: 'class-summary', attrs: { open: '' } }, [el('summary', { text: 'Per-class summary' }), table]);
}
